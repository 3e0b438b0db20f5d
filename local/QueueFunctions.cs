using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using VillageReports.Storage;

namespace VillageReports.Local;

/// <summary>Settings that mirror host.json's <c>extensions.queues</c>.</summary>
public sealed record QueueSettings(int MaxDequeueCount, TimeSpan RetryDelay, TimeSpan PollInterval);

/// <summary>
/// Polls each queue-triggered function's queue and runs it as the Functions host would: a message is deleted on
/// success, made visible again after a failure, and moved to <c>{queue}-poison</c> after the last allowed try.
/// </summary>
public sealed partial class QueueFunctions(
    IEnumerable<FunctionEntry> functions, IServiceProvider services, IConfiguration configuration, StorageResources storage, QueueSettings settings, ILogger<QueueFunctions> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(functions.Where(f => f.Trigger == TriggerKind.Queue).Select(f => ListenAsync(f, stoppingToken)));

    private async Task ListenAsync(FunctionEntry function, CancellationToken stoppingToken)
    {
        var queueName = FunctionIndex.Resolve(function.Queue.QueueName, name => configuration[name]);
        QueueClient? queue = null, poison = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                queue ??= await storage.QueueAsync(queueName);
                poison ??= await storage.QueueAsync(queueName + "-poison");
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(maxMessages: 16, visibilityTimeout: TimeSpan.FromMinutes(5), stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(settings.PollInterval, stoppingToken);
                    continue;
                }

                await Task.WhenAll(messages.Select(m => HandleAsync(function, queue, poison, m, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Storage not reachable yet (the emulator still starting): wait and poll again.
                LogPollFailed(logger, ex, queueName);
                await Task.Delay(settings.PollInterval, stoppingToken);
            }
        }
    }

    private async Task HandleAsync(FunctionEntry function, QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, p =>
                p == function.TriggerParameter ? FunctionInvoker.FromMessage(message.Body.ToString(), p.ParameterType)
                : p.ParameterType == typeof(CancellationToken) ? stoppingToken
                : null);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                LogPoisoned(logger, ex, function.Name, message.MessageId, message.DequeueCount);
                await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
            else
            {
                LogRetry(logger, ex, function.Name, message.MessageId, message.DequeueCount);
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.RetryDelay, cancellationToken: CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (try {DequeueCount}); it will be retried")]
    private static partial void LogRetry(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed on message {MessageId} after {DequeueCount} tries; moved to the poison queue")]
    private static partial void LogPoisoned(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);
}
