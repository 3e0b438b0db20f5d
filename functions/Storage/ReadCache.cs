using System.Collections.Concurrent;

namespace VillageReports.Storage;

/// <summary>
/// Rows read from storage, trusted for a while instead of read again on every request. Values belong to a group (a
/// unit's tokens, a town's units); forgetting a group takes effect in this instance at once, and a read that began
/// before the group was forgotten is never remembered after it. Misses are never remembered: what was just created
/// is found at once.
/// </summary>
public sealed class ReadCache<TKey, TGroup, TValue>(TimeProvider clock, TimeSpan duration, Func<TValue, TGroup> groupOf)
    where TKey : notnull
    where TGroup : notnull
{
    // A bound on memory whatever the traffic: past it, the cache starts again empty.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Until)> _entries = new();
    private readonly ConcurrentDictionary<TGroup, DateTimeOffset> _forgotten = new();

    public bool TryFind(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Until > clock.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <param name="readAt">When the value was read from storage: a change to its group since then wins.</param>
    public void Remember(TKey key, TValue value, DateTimeOffset readAt)
    {
        if (duration <= TimeSpan.Zero || (_forgotten.TryGetValue(groupOf(value), out var forgottenAt) && forgottenAt >= readAt))
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = (value, clock.GetUtcNow() + duration);

        // Forgotten while this was being added: the sweep may have run before the entry was there.
        if (_forgotten.TryGetValue(groupOf(value), out forgottenAt) && forgottenAt >= readAt)
        {
            _entries.TryRemove(key, out _);
        }
    }

    public void ForgetGroup(TGroup group)
    {
        _forgotten[group] = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
        {
            if (EqualityComparer<TGroup>.Default.Equals(groupOf(entry.Value), group))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}
