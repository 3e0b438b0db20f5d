using Azure;
using Azure.Data.Tables;
using VillageReports.Storage;

namespace VillageReports.Reminders;

/// <summary>A town's reminder settings, and each reminder sent with every try: one partition per town.</summary>
public sealed class ReminderStore(StorageResources storage, StorageNames names)
{
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    // A claim older than this was left by a run that died; another run may take the reminder over.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);

    public async Task<ReminderSettings?> GetSettingsAsync(UnitCode town, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.RemindersTable);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(StorageKeys.ReminderPartition(town), StorageKeys.ReminderSettingsRow, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } e || !Enum.TryParse<ReminderChannel>(e.GetString("Channel"), out var channel))
        {
            return null;
        }

        var days = (e.GetString("Days") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return new ReminderSettings(town, channel, e.GetString("Url"), e.GetString("Secret"), days, e.GetBoolean("EveryDayAfterDue") ?? true);
    }

    public async Task SaveSettingsAsync(ReminderSettings settings, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.RemindersTable);
        await table.UpsertEntityAsync(new TableEntity(StorageKeys.ReminderPartition(settings.Town), StorageKeys.ReminderSettingsRow)
        {
            ["Channel"] = settings.Channel.ToString(),
            ["Url"] = settings.Url,
            ["Secret"] = settings.Secret,
            ["Days"] = string.Join(',', settings.Days.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ["EveryDayAfterDue"] = settings.EveryDayAfterDue,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Claims the reminder of a month and day for this run: true when nobody has sent it, nor is sending it now (a
    /// failed one, or one abandoned by a dead run, is taken over). At most one reminder a town, month and day.
    /// </summary>
    public async Task<bool> TryClaimAsync(UnitCode town, Period period, DateOnly day, ReminderChannel channel, string message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.RemindersTable);
        var claim = new TableEntity(StorageKeys.ReminderPartition(town), StorageKeys.ReminderRow(period, day))
        {
            ["Period"] = period.ToString(),
            ["Day"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Status"] = Sending,
            ["Channel"] = channel.ToString(),
            ["Message"] = message,
            ["Updated"] = now,
        };
        try
        {
            await table.AddEntityAsync(claim, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken)).Value;
            var status = existing.GetString("Status");
            var abandoned = status == Sending && now - (existing.GetDateTimeOffset("Updated") ?? now) > AbandonedAfter;
            if (status != Failed && !abandoned)
            {
                return false;
            }

            try
            {
                await table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException lost) when (lost.Status == 412)
            {
                return false;
            }
        }
    }

    public async Task SetStatusAsync(UnitCode town, Period period, DateOnly day, string status, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.RemindersTable);
        await table.UpdateEntityAsync(new TableEntity(StorageKeys.ReminderPartition(town), StorageKeys.ReminderRow(period, day))
        {
            ["Status"] = status,
            ["LastError"] = error,
            ["Updated"] = now,
        }, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task AddAttemptAsync(UnitCode town, Period period, DateOnly day, ReminderAttempt attempt, long timestamp, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.RemindersTable);
        var row = new TableEntity(StorageKeys.ReminderPartition(town), StorageKeys.ReminderAttemptRow(period, day, attempt.At, timestamp))
        {
            ["At"] = attempt.At,
            ["Answer"] = attempt.Answer,
            ["DurationMs"] = attempt.DurationMs,
            ["Error"] = attempt.Error,
        };
        if (attempt.HttpStatus is { } status)
        {
            row["HttpStatus"] = status;
        }

        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ReminderRecord>> ListAsync(UnitCode town, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(names.RemindersTable);
        var partition = StorageKeys.ReminderPartition(town);
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ne {StorageKeys.ReminderSettingsRow}"), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var attempts = rows.Where(r => r.RowKey.StartsWith(StorageKeys.ReminderAttemptRowsFrom, StringComparison.Ordinal)).ToList();
        return rows.Where(r => r.RowKey.StartsWith(StorageKeys.ReminderRowsFrom, StringComparison.Ordinal))
            .Select(r =>
            {
                var key = $"{r.GetString("Period")}|{r.GetString("Day")}|";
                return new ReminderRecord(r.GetString("Period"), r.GetString("Day"), r.GetString("Status"), r.GetString("Channel"), r.GetString("Message"),
                    r.GetDateTimeOffset("Updated") ?? default, r.GetString("LastError"),
                    attempts.Where(a => a.RowKey.StartsWith(StorageKeys.ReminderAttemptRowsFrom + key, StringComparison.Ordinal))
                        .OrderBy(a => a.RowKey, StringComparer.Ordinal)
                        .Select(a => new ReminderAttempt(a.GetDateTimeOffset("At") ?? default, a.GetInt32("HttpStatus"), a.GetString("Answer"), a.GetInt64("DurationMs") ?? 0, a.GetString("Error")))
                        .ToList());
            })
            .OrderBy(r => r.Day, StringComparer.Ordinal)
            .ToList();
    }
}
