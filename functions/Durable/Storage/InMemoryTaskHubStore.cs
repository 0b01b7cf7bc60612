namespace Hntt.Durable.Storage;

/// <summary>
/// A task hub in memory with the same semantics as the Azure Storage one (atomic fenced commits, ordered
/// inbox, idempotent sends): for tests with virtual time and for trying orchestrations without storage.
/// Events and messages go through JSON as they would in storage, so serialization problems show up here too.
/// </summary>
internal sealed class InMemoryTaskHubStore(int partitionCount) : ITaskHubStore
{
    readonly object gate = new();
    readonly Dictionary<string, long> workers = [];
    readonly Partition[] partitions = Enumerable.Range(0, partitionCount).Select(_ => new Partition()).ToArray();

    /// <summary>The earliest visible time of any inbox message, for a virtual clock to jump to.</summary>
    public DateTime? NextMessageVisibleAt()
    {
        lock (gate)
        {
            return partitions.SelectMany(p => p.Inbox.Values).Select(m => (DateTime?)m.VisibleAt).Min();
        }
    }

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<(string Owner, string ETag)?> ReadFenceAsync(int partition, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Partition p = partitions[partition];
            return Task.FromResult<(string, string)?>(p.FenceVersion == 0 ? null : (p.FenceOwner, p.FenceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public Task<string?> TryWriteFenceAsync(int partition, string owner, string? expectedETag, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Partition p = partitions[partition];
            if (!p.FenceMatches(expectedETag))
            {
                return Task.FromResult<string?>(null);
            }

            p.FenceOwner = owner;
            return Task.FromResult<string?>(p.BumpFence());
        }
    }

    public Task HeartbeatAsync(string workerId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            workers[workerId] = workers.GetValueOrDefault(workerId) + 1;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string WorkerId, string ETag)>> ReadWorkersAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<(string, string)> all = workers.Select(w => (w.Key, w.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            return Task.FromResult(all);
        }
    }

    public Task ForgetWorkerAsync(string workerId, string etag, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (workers.TryGetValue(workerId, out long beat) && beat.ToString(System.Globalization.CultureInfo.InvariantCulture) == etag)
            {
                workers.Remove(workerId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(int partition, DateTime visibleBefore, int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<StoredMessage> due = partitions[partition].Inbox.Values.Where(m => m.VisibleAt < visibleBefore).Take(max).ToList();
            return Task.FromResult(due);
        }
    }

    public Task SendAsync(int partition, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (OutgoingMessage message in messages)
            {
                partitions[partition].Inbox.TryAdd(message.Id, Store(message));
            }
        }

        return Task.CompletedTask;
    }

    public Task<InstanceHead?> ReadHeadAsync(int partition, string instanceId, bool withPayloads, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(partitions[partition].Heads.GetValueOrDefault(instanceId));
        }
    }

    public Task<IReadOnlyDictionary<string, InstanceHead>> ReadHeadsAsync(int partition, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Dictionary<string, InstanceHead> heads = partitions[partition].Heads;
            IReadOnlyDictionary<string, InstanceHead> found = instanceIds.Where(heads.ContainsKey).Distinct().ToDictionary(id => id, id => heads[id]);
            return Task.FromResult(found);
        }
    }

    public Task<InstanceHead?> StartAsync(int partition, InstanceHead pending, OutgoingMessage start, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Partition p = partitions[partition];
            if (p.Heads.TryGetValue(pending.InstanceId, out InstanceHead? existing) && !existing.Status.IsTerminal())
            {
                return Task.FromResult<InstanceHead?>(existing);
            }

            p.Heads[pending.InstanceId] = pending;
            p.Inbox.Add(start.Id, Store(start));
            return Task.FromResult<InstanceHead?>(null);
        }
    }

    public Task<IReadOnlyList<InstanceHead>> ReadHeadsNeedingRecoveryAsync(int partition, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<InstanceHead> heads = partitions[partition].Heads.Values.Where(h => h.OpenActivities > 0 || h.OutboxFrom >= 0).ToList();
            return Task.FromResult(heads);
        }
    }

    public Task<IReadOnlyDictionary<string, (OrchestrationRuntimeStatus Status, DateTime LastUpdatedAt)>> ReadHeadStatusesAsync(int partition, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyDictionary<string, (OrchestrationRuntimeStatus, DateTime)> statuses =
                partitions[partition].Heads.Values.ToDictionary(h => h.InstanceId, h => (h.Status, h.LastUpdatedAt));
            return Task.FromResult(statuses);
        }
    }

    public Task<IReadOnlyList<Episode>> ReadHistoryAsync(int partition, string instanceId, string executionId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<Episode> episodes = partitions[partition].Episodes.TryGetValue(instanceId, out var list)
                ? list.Where(e => e.ExecutionId == executionId).OrderBy(e => e.Sequence)
                    .Select(e => e with { Events = HistoryJson.DeserializeEvents(HistoryJson.Serialize(e.Events)) }).ToList()
                : [];
            return Task.FromResult(episodes);
        }
    }

    public Task<string> CommitAsync(int partition, string fenceETag, string owner, IReadOnlyList<StepWrite> steps, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Partition p = partitions[partition];
            if (!p.FenceMatches(fenceETag))
            {
                throw new PartitionLostException(partition);
            }

            foreach (StepWrite step in steps)
            {
                if (step.Consumed.Any(m => !p.Inbox.ContainsKey(m.Id)) || step.Inline.Any(m => p.Inbox.ContainsKey(m.Id)))
                {
                    throw new InvalidOperationException($"The step of '{step.InstanceId}' conflicts with the inbox: it was committed before.");
                }
            }

            foreach (StepWrite step in steps)
            {
                if (step.Head is { } head)
                {
                    p.Heads[head.InstanceId] = head;
                }

                if (step.Episode is { } episode)
                {
                    (p.Episodes.TryGetValue(episode.InstanceId, out var list) ? list : p.Episodes[episode.InstanceId] = []).Add(episode);
                }

                foreach (StoredMessage consumed in step.Consumed)
                {
                    p.Inbox.Remove(consumed.Id);
                }

                foreach (OutgoingMessage message in step.Inline)
                {
                    p.Inbox.Add(message.Id, Store(message));
                }

                foreach (DeadLetter letter in step.DeadLetters)
                {
                    p.DeadLetters[letter.Id] = letter;
                }
            }

            p.FenceOwner = owner;
            return Task.FromResult(p.BumpFence());
        }
    }

    public Task WriteProjectionAsync(int partition, IReadOnlyList<InstanceHead> heads, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (InstanceHead head in heads)
            {
                partitions[partition].Projection[head.InstanceId] = head;
            }
        }

        return Task.CompletedTask;
    }

    public Task<InstanceHead?> ReadProjectionAsync(int partition, string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(partitions[partition].Projection.GetValueOrDefault(instanceId));
        }
    }

    public Task<(IReadOnlyList<InstanceHead> Heads, string? ContinuationToken)> QueryProjectionAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            int skip = query.ContinuationToken is null ? 0 : int.Parse(query.ContinuationToken, System.Globalization.CultureInfo.InvariantCulture);
            List<InstanceHead> matching = partitions.SelectMany(p => p.Projection.Values)
                .Where(h => ProjectionFilter.Matches(query, h))
                .OrderBy(h => h.InstanceId, StringComparer.Ordinal).ToList();
            List<InstanceHead> page = matching.Skip(skip).Take(query.PageSize).ToList();
            string? next = skip + page.Count < matching.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult<(IReadOnlyList<InstanceHead>, string?)>((page, next));
        }
    }

    public Task<IReadOnlyList<InstanceHead>> ReadUnfinishedProjectionsAsync(int partition, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<InstanceHead> unfinished = partitions[partition].Projection.Values.Where(h => !h.Status.IsTerminal()).ToList();
            return Task.FromResult(unfinished);
        }
    }

    public Task<bool> PurgeAsync(int partition, string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Partition p = partitions[partition];
            if (p.Heads.TryGetValue(instanceId, out InstanceHead? head) && !head.Status.IsTerminal())
            {
                return Task.FromResult(false);
            }

            p.Heads.Remove(instanceId);
            p.Episodes.Remove(instanceId);
            return Task.FromResult(p.Projection.Remove(instanceId) | head is not null);
        }
    }

    public Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int partition, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<DeadLetter> letters = partitions[partition].DeadLetters.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
            return Task.FromResult(letters);
        }
    }

    public Task DeleteDeadLetterAsync(int partition, string id, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            partitions[partition].DeadLetters.Remove(id);
        }

        return Task.CompletedTask;
    }

    static StoredMessage Store(OutgoingMessage message) =>
        HistoryJson.Read(message.Id, message.VisibleAt, message.Message.InstanceId, HistoryJson.Serialize(message.Message));

    sealed class Partition
    {
        public string FenceOwner { get; set; } = string.Empty;
        public long FenceVersion { get; private set; }
        public SortedDictionary<string, StoredMessage> Inbox { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, InstanceHead> Heads { get; } = [];
        public Dictionary<string, List<Episode>> Episodes { get; } = [];
        public Dictionary<string, DeadLetter> DeadLetters { get; } = [];
        public Dictionary<string, InstanceHead> Projection { get; } = [];

        public bool FenceMatches(string? etag) =>
            etag is null ? FenceVersion == 0 : etag == FenceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public string BumpFence() => (++FenceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
