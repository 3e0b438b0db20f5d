using System.Text;
using Azure.Core.Serialization;
using Azure.Identity;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace VillageReports.Local;

/// <summary>
/// Polls each queue-triggered function's queue and runs it as the Functions host's queue listener does, with
/// host.json's <c>extensions.queues</c> settings: batches of <c>batchSize</c>, a new batch once no more than
/// <c>newBatchThreshold</c> messages are running, an empty queue polled with a growing delay up to
/// <c>maxPollingInterval</c>. A message is deleted on success and made visible again after <c>visibilityTimeout</c>
/// on failure; it goes to <c>{queue}-poison</c> after its <c>maxDequeueCount</c>-th failed try, or before it runs when
/// it was already dequeued more often than that, or at once when its body is not Base64 (QueueProcessor,
/// QueueListener and the MessageDecodingFailed handler of Microsoft.Azure.WebJobs.Extensions.Storage.Queues).
/// </summary>
public sealed partial class QueueFunctions(
    IEnumerable<FunctionEntry> functions, IServiceProvider services, IConfiguration configuration, QueueTriggerSettings settings,
    IOptions<WorkerOptions> worker, ILogger<QueueFunctions> logger)
    : BackgroundService
{
    // The listener keeps a running message invisible this long (and the host renews it); a crash shows it again after.
    private static readonly TimeSpan RunningVisibility = TimeSpan.FromMinutes(10);

    private readonly ObjectSerializer _serializer = worker.Value.Serializer ?? throw new InvalidOperationException("The worker has no serializer.");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(functions.Where(f => f.Trigger == TriggerKind.Queue).Select(f => ListenAsync(f, stoppingToken)));

    /// <summary>The queue a function listens to and its poison queue, read through the trigger's own connection, as the host reads them.</summary>
    public (QueueClient Queue, QueueClient Poison) QueuesOf(FunctionEntry function)
    {
        var name = FunctionIndex.Resolve(function.Queue.QueueName, key => configuration[key]);
        var account = RawQueueService(function.Queue.Connection ?? "AzureWebJobsStorage");
        return (account.GetQueueClient(name), account.GetQueueClient(name + "-poison"));
    }

    private async Task ListenAsync(FunctionEntry function, CancellationToken stoppingToken)
    {
        var (queue, poison) = QueuesOf(function);
        var running = new List<Task>();
        var delay = QueueTriggerSettings.MinPollingInterval;
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                QueueMessage[] batch = await queue.ReceiveMessagesAsync(settings.BatchSize, RunningVisibility, stoppingToken);
                if (batch.Length == 0)
                {
                    await Task.Delay(delay, stoppingToken);
                    delay = NextDelay(delay);
                    continue;
                }

                delay = QueueTriggerSettings.MinPollingInterval;
                running.AddRange(batch.Select(m => ProcessAsync(function, queue, poison, m, stoppingToken)));
                while (running.Count > settings.NewBatchThreshold)
                {
                    running.Remove(await Task.WhenAny(running));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Storage not reachable yet (the emulator still starting): back off and poll again.
                LogPollFailed(logger, ex, queue.Name);
                await Task.Delay(delay, stoppingToken);
                delay = NextDelay(delay);
            }
        }

        await Task.WhenAll(running);
    }

    /// <summary>One received message, from the dequeue-count check to its deletion, release or poisoning.</summary>
    internal async Task ProcessAsync(FunctionEntry function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                LogPoisonedUnrun(logger, function.Name, message.MessageId, message.DequeueCount);
                await MoveToPoisonAsync(queue, poison, message);
                return;
            }

            if (Decode(message.Body) is not { } text)
            {
                // The host's MessageDecodingFailed handler: retrying cannot decode it, so it is poisoned on first sight.
                LogUndecodable(logger, function.Name, message.MessageId);
                await MoveToPoisonAsync(queue, poison, message);
                return;
            }

            try
            {
                await using var scope = services.CreateAsyncScope();
                await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, p =>
                    p == function.TriggerParameter ? FunctionInvoker.FromMessage(text, p.ParameterType, _serializer)
                    : p.ParameterType == typeof(CancellationToken) ? stoppingToken
                    : null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A message the worker cannot bind fails like any run (Azure/azure-webjobs-sdk#769): retried, then poisoned.
                if (message.DequeueCount >= settings.MaxDequeueCount)
                {
                    LogPoisoned(logger, ex, function.Name, message.MessageId, message.DequeueCount);
                    await MoveToPoisonAsync(queue, poison, message);
                }
                else
                {
                    LogRetry(logger, ex, function.Name, message.MessageId, message.DequeueCount);
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
                }

                return;
            }

            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-run: the message shows again once its visibility runs out, as after a host restart.
        }
        catch (Exception ex)
        {
            LogSettleFailed(logger, ex, function.Name, message.MessageId);
        }
    }

    /// <summary>The message text the trigger hands the function, or null when host.json says Base64 and it is not.</summary>
    private string? Decode(BinaryData body)
    {
        if (!settings.Base64Messages)
        {
            return body.ToString();
        }

        var raw = body.ToString();
        var bytes = new byte[raw.Length];
        return Convert.TryFromBase64String(raw, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : null;
    }

    /// <summary>The raw body, untouched, so the poison queue holds what was sent.</summary>
    private static async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message)
    {
        await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
    }

    /// <summary>Doubles the delay after each empty poll, with jitter, up to <c>maxPollingInterval</c> (RandomizedExponentialBackoffStrategy).</summary>
    private TimeSpan NextDelay(TimeSpan current)
    {
        var next = current * (1.8 + (0.4 * Random.Shared.NextDouble()));
        return next < settings.MaxPollingInterval ? next : settings.MaxPollingInterval;
    }

    /// <summary>
    /// A client that neither encodes nor decodes, so this listener sees the raw body (as the host's handler for
    /// undecodable messages does), from the trigger's connection: a connection string, or the identity form
    /// <c>{connection}__queueServiceUri</c> as the host accepts it.
    /// </summary>
    private QueueServiceClient RawQueueService(string connection)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        if (configuration[connection] is { Length: > 0 } connectionString)
        {
            return new QueueServiceClient(connectionString, options);
        }

        var section = configuration.GetSection(connection);
        var uri = section["queueServiceUri"] ?? throw new InvalidOperationException($"Connection '{connection}' is not set: give a connection string or '{connection}__queueServiceUri'.");
        var credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : (Azure.Core.TokenCredential)new DefaultAzureCredential();
        return new QueueServiceClient(new Uri(uri), credential, options);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (try {DequeueCount}); it will be retried")]
    private static partial void LogRetry(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed on message {MessageId} after {DequeueCount} tries; moved to the poison queue")]
    private static partial void LogPoisoned(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} was dequeued {DequeueCount} times, more than maxDequeueCount; moved to the poison queue without running")]
    private static partial void LogPoisonedUnrun(ILogger logger, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} is not Base64 (host.json messageEncoding); moved to the poison queue without running")]
    private static partial void LogUndecodable(ILogger logger, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: settling message {MessageId} failed; it shows again when its visibility runs out")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string function, string messageId);
}
