using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Hntt.Durable.Storage;

/// <summary>
/// The task hub on Azure Storage. Table <c>{hub}History</c> has one table partition per hub partition
/// (PartitionKey <c>p00</c>…), so that one entity-group transaction can commit the steps of many instances
/// together with the consumed inbox messages and the fence row. Row keys:
/// <c>~fence</c> the owner's fence (and partition <c>workers</c> holds one heartbeat row per worker); <c>s|{instance}</c> an instance's head; <c>h|{instance}|{execution}|{seq}</c>
/// one episode of history; <c>m|{visibleTicks}|{id}</c> an inbox message or timer; <c>d|{ticks}|{id}</c> a dead letter.
/// Table <c>{hub}Instances</c> is the query projection. Values too large for a table property go to blobs in
/// <c>{hub}-payloads</c>.
/// </summary>
internal sealed class AzureTaskHubStore : ITaskHubStore
{
    const string FenceKey = "~fence";
    const string WorkersKey = "workers";
    const int MaxEntitiesPerTransaction = 100;
    const int MaxTransactionChars = 1_500_000; // 4 MiB per transaction, UTF-16 and overhead included
    const int MaxInlineEventChars = 30_000; // a string property holds 64 KiB: 32,768 UTF-16 characters
    const int MaxInlineHeadChars = 8_000; // a head carries several payloads; keep it well under 1 MiB

    readonly TableClient history;
    readonly TableClient instances;
    readonly BlobContainerClient payloads;
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> uploaded = new(StringComparer.Ordinal);

    public AzureTaskHubStore(TableServiceClient tables, BlobServiceClient blobs, string hubName)
    {
        history = tables.GetTableClient(hubName + "History");
        instances = tables.GetTableClient(hubName + "Instances");
        payloads = blobs.GetBlobContainerClient(hubName.ToLowerInvariant() + "-payloads");
    }

    static string Pk(int partition) => "p" + partition.ToString("D2", CultureInfo.InvariantCulture);

    static string HeadKey(string instanceId) => "s|" + instanceId;

    static string EpisodeKey(string instanceId, string executionId, int sequence) =>
        $"h|{instanceId}|{executionId}|{sequence.ToString("D8", CultureInfo.InvariantCulture)}";

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await history.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await instances.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await payloads.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<(string Owner, string ETag)?> ReadFenceAsync(int partition, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> fence = await history.GetEntityIfExistsAsync<TableEntity>(Pk(partition), FenceKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return fence.HasValue ? (fence.Value!.GetString("Owner") ?? string.Empty, fence.Value.ETag.ToString()) : null;
    }

    public async Task<string?> TryWriteFenceAsync(int partition, string owner, string? expectedETag, CancellationToken cancellationToken)
    {
        var fence = new TableEntity(Pk(partition), FenceKey) { ["Owner"] = owner };
        try
        {
            Response response = expectedETag is null
                ? await history.AddEntityAsync(fence, cancellationToken).ConfigureAwait(false)
                : await history.UpdateEntityAsync(fence, new ETag(expectedETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    public async Task HeartbeatAsync(string workerId, CancellationToken cancellationToken) =>
        await history.UpsertEntityAsync(new TableEntity(WorkersKey, workerId), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<(string WorkerId, string ETag)>> ReadWorkersAsync(CancellationToken cancellationToken)
    {
        var workers = new List<(string, string)>();
        await foreach (TableEntity e in history.QueryAsync<TableEntity>(e => e.PartitionKey == WorkersKey, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            workers.Add((e.RowKey, e.ETag.ToString()));
        }

        return workers;
    }

    public async Task ForgetWorkerAsync(string workerId, string etag, CancellationToken cancellationToken)
    {
        try
        {
            await history.DeleteEntityAsync(WorkersKey, workerId, new ETag(etag), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // It came back to life.
        }
    }

    public async Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(int partition, DateTime visibleBefore, int max, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        string upper = "m|" + visibleBefore.Ticks.ToString("D19", CultureInfo.InvariantCulture);
        var messages = new List<StoredMessage>();
        await foreach (Page<TableEntity> page in history.QueryAsync<TableEntity>(
            e => e.PartitionKey == pk && e.RowKey.CompareTo("m|") >= 0 && e.RowKey.CompareTo(upper) < 0, max, cancellationToken: cancellationToken)
            .AsPages(pageSizeHint: max).ConfigureAwait(false))
        {
            foreach (TableEntity entity in page.Values)
            {
                string raw = await GetTextAsync(entity, "Message", cancellationToken).ConfigureAwait(false) ?? string.Empty;
                long ticks = long.Parse(entity.RowKey.AsSpan(2, 19), CultureInfo.InvariantCulture);
                messages.Add(HistoryJson.Read(entity.RowKey, new DateTime(ticks, DateTimeKind.Utc), entity.GetString("Instance"), raw));
            }

            break;
        }

        return messages;
    }

    public async Task SendAsync(int partition, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        List<TableEntity> entities = [];
        foreach (OutgoingMessage message in messages)
        {
            entities.Add(await ToEntityAsync(Pk(partition), message, cancellationToken).ConfigureAwait(false));
        }

        foreach (TableEntity[] chunk in entities.Chunk(MaxEntitiesPerTransaction))
        {
            try
            {
                await history.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // Some were sent before (a resend after a crash): add the rest one by one, skipping those.
                foreach (TableEntity entity in chunk)
                {
                    try
                    {
                        await history.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException conflict) when (conflict.Status == 409)
                    {
                    }
                }
            }
        }
    }

    public async Task<InstanceHead?> ReadHeadAsync(int partition, string instanceId, bool withPayloads, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> head = await history.GetEntityIfExistsAsync<TableEntity>(Pk(partition), HeadKey(instanceId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return head.HasValue ? await ToHeadAsync(head.Value!, withPayloads, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task<IReadOnlyDictionary<string, InstanceHead>> ReadHeadsAsync(int partition, IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        var heads = new Dictionary<string, InstanceHead>(StringComparer.Ordinal);
        foreach (string[] chunk in instanceIds.Chunk(40))
        {
            string keys = string.Join(" or ", chunk.Select(id => TableClient.CreateQueryFilter($"RowKey eq {HeadKey(id)}")));
            await foreach (TableEntity entity in history.QueryAsync<TableEntity>($"PartitionKey eq '{pk}' and ({keys})", cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                InstanceHead head = await ToHeadAsync(entity, withPayloads: true, cancellationToken).ConfigureAwait(false);
                heads[head.InstanceId] = head;
            }
        }

        return heads;
    }

    public async Task<InstanceHead?> StartAsync(int partition, InstanceHead pending, OutgoingMessage start, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        TableEntity head = await ToEntityAsync(pk, pending, cancellationToken).ConfigureAwait(false);
        TableEntity message = await ToEntityAsync(pk, start, cancellationToken).ConfigureAwait(false);
        ETag? replace = null;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                TableTransactionAction write = replace is { } etag
                    ? new(TableTransactionActionType.UpdateReplace, head, etag)
                    : new(TableTransactionActionType.Add, head);
                await history.SubmitTransactionAsync([write, new(TableTransactionActionType.Add, message)], cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && ex.Status is 409 or 412 && attempt < 5)
            {
                NullableResponse<TableEntity> existing = await history.GetEntityIfExistsAsync<TableEntity>(pk, head.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (existing.HasValue && !ParseStatus(existing.Value!).IsTerminal())
                {
                    return await ToHeadAsync(existing.Value!, withPayloads: false, cancellationToken).ConfigureAwait(false);
                }

                replace = existing.HasValue ? existing.Value!.ETag : null;
            }
        }
    }

    public async Task<IReadOnlyList<InstanceHead>> ReadHeadsNeedingRecoveryAsync(int partition, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        var heads = new List<InstanceHead>();
        await foreach (TableEntity entity in history.QueryAsync<TableEntity>(
            e => e.PartitionKey == pk && e.RowKey.CompareTo("s|") >= 0 && e.RowKey.CompareTo("s}") < 0
                && (e.GetInt32("OpenActivities") > 0 || e.GetInt32("OutboxFrom") >= 0), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            heads.Add(await ToHeadAsync(entity, withPayloads: false, cancellationToken).ConfigureAwait(false));
        }

        return heads;
    }

    public async Task<IReadOnlyDictionary<string, (OrchestrationRuntimeStatus Status, DateTime LastUpdatedAt)>> ReadHeadStatusesAsync(int partition, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        var statuses = new Dictionary<string, (OrchestrationRuntimeStatus, DateTime)>();
        await foreach (TableEntity entity in history.QueryAsync<TableEntity>(
            e => e.PartitionKey == pk && e.RowKey.CompareTo("s|") >= 0 && e.RowKey.CompareTo("s}") < 0,
            select: ["RowKey", "Status", "LastUpdatedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            statuses[entity.RowKey[2..]] = (ParseStatus(entity), entity.GetDateTimeOffset("LastUpdatedAt")?.UtcDateTime ?? default);
        }

        return statuses;
    }

    public async Task<IReadOnlyList<Episode>> ReadHistoryAsync(int partition, string instanceId, string executionId, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        string lower = $"h|{instanceId}|{executionId}|";
        string upper = $"h|{instanceId}|{executionId}}}";
        var rows = new List<TableEntity>();
        await foreach (TableEntity entity in history.QueryAsync<TableEntity>(
            e => e.PartitionKey == pk && e.RowKey.CompareTo(lower) >= 0 && e.RowKey.CompareTo(upper) < 0, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(entity);
        }

        string?[] texts = await Task.WhenAll(rows.Select(r => GetTextAsync(r, "Events", cancellationToken).AsTask())).ConfigureAwait(false);
        return rows.Select((row, i) => new Episode(instanceId, executionId, int.Parse(row.RowKey.AsSpan(lower.Length), CultureInfo.InvariantCulture),
            HistoryJson.DeserializeEvents(texts[i] ?? "[]"))).ToList();
    }

    public async Task<string> CommitAsync(int partition, string fenceETag, string owner, IReadOnlyList<StepWrite> steps, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        var transaction = new List<TableTransactionAction>();
        int chars = 0;
        foreach (StepWrite step in steps)
        {
            List<TableTransactionAction> actions = await ToActionsAsync(pk, step, cancellationToken).ConfigureAwait(false);
            int stepChars = actions.Sum(a => EstimateChars(a.Entity));
            if (transaction.Count + actions.Count >= MaxEntitiesPerTransaction || chars + stepChars > MaxTransactionChars)
            {
                fenceETag = await SubmitFencedAsync(partition, fenceETag, owner, transaction, cancellationToken).ConfigureAwait(false);
                transaction.Clear();
                chars = 0;
            }

            transaction.AddRange(actions);
            chars += stepChars;
        }

        return await SubmitFencedAsync(partition, fenceETag, owner, transaction, cancellationToken).ConfigureAwait(false);
    }

    async Task<string> SubmitFencedAsync(int partition, string fenceETag, string owner, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var fence = new TableEntity(Pk(partition), FenceKey) { ["Owner"] = owner };
        actions.Insert(0, new TableTransactionAction(TableTransactionActionType.UpdateReplace, fence, new ETag(fenceETag)));
        try
        {
            Response<IReadOnlyList<Response>> response = await history.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return response.Value[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The fence update returned no ETag.");
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && ex.Status is 412 or 404)
        {
            throw new PartitionLostException(partition);
        }
    }

    async Task<List<TableTransactionAction>> ToActionsAsync(string pk, StepWrite step, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(step.EntityCount);
        if (step.Head is { } head)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, await ToEntityAsync(pk, head, cancellationToken).ConfigureAwait(false)));
        }

        if (step.Episode is { } episode)
        {
            var entity = new TableEntity(pk, EpisodeKey(episode.InstanceId, episode.ExecutionId, episode.Sequence));
            await SetTextAsync(entity, "Events", HistoryJson.Serialize(episode.Events), MaxInlineEventChars, $"{episode.InstanceId}/{episode.ExecutionId}", cancellationToken).ConfigureAwait(false);
            actions.Add(new(TableTransactionActionType.Add, entity));
        }

        foreach (StoredMessage consumed in step.Consumed)
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(pk, consumed.Id), ETag.All));
        }

        foreach (OutgoingMessage message in step.Inline)
        {
            actions.Add(new(TableTransactionActionType.Add, await ToEntityAsync(pk, message, cancellationToken).ConfigureAwait(false)));
        }

        foreach (DeadLetter letter in step.DeadLetters)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(pk, letter.Id)
            {
                ["Instance"] = letter.InstanceId,
                ["Reason"] = Truncate(letter.Reason, MaxInlineHeadChars),
                ["Message"] = Truncate(letter.Raw, MaxInlineEventChars),
                ["At"] = letter.At,
            }));
        }

        return actions;
    }

    public async Task WriteProjectionAsync(int partition, IReadOnlyList<InstanceHead> heads, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        foreach (InstanceHead[] chunk in heads.DistinctBy(h => h.InstanceId).Chunk(MaxEntitiesPerTransaction))
        {
            await instances.SubmitTransactionAsync(chunk.Select(h => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToProjection(pk, h))), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<InstanceHead?> ReadProjectionAsync(int partition, string instanceId, CancellationToken cancellationToken)
    {
        NullableResponse<TableEntity> row = await instances.GetEntityIfExistsAsync<TableEntity>(Pk(partition), instanceId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? FromProjection(row.Value!) : null;
    }

    public async Task<(IReadOnlyList<InstanceHead> Heads, string? ContinuationToken)> QueryProjectionAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        await foreach (Page<TableEntity> page in instances.QueryAsync<TableEntity>(ProjectionFilterText(query), query.PageSize, cancellationToken: cancellationToken)
            .AsPages(query.ContinuationToken, query.PageSize).ConfigureAwait(false))
        {
            return (page.Values.Select(FromProjection).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    public async Task<IReadOnlyList<InstanceHead>> ReadUnfinishedProjectionsAsync(int partition, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        var rows = new List<InstanceHead>();
        await foreach (TableEntity entity in instances.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {pk} and Status ne {"Completed"} and Status ne {"Failed"} and Status ne {"Terminated"} and Status ne {"Canceled"}"),
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(FromProjection(entity));
        }

        return rows;
    }

    public async Task<bool> PurgeAsync(int partition, string instanceId, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        NullableResponse<TableEntity> head = await history.GetEntityIfExistsAsync<TableEntity>(pk, HeadKey(instanceId), ["Status"], cancellationToken).ConfigureAwait(false);
        if (head.HasValue && !ParseStatus(head.Value!).IsTerminal())
        {
            return false;
        }

        string lower = $"h|{instanceId}|";
        string upper = $"h|{instanceId}}}";
        var keys = new List<string>();
        await foreach (TableEntity row in history.QueryAsync<TableEntity>(
            e => e.PartitionKey == pk && e.RowKey.CompareTo(lower) >= 0 && e.RowKey.CompareTo(upper) < 0, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.RowKey);
        }

        foreach (string[] chunk in keys.Chunk(MaxEntitiesPerTransaction))
        {
            await history.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, k), ETag.All)), cancellationToken).ConfigureAwait(false);
        }

        bool existed = head.HasValue;
        if (head.HasValue)
        {
            try
            {
                await history.DeleteEntityAsync(pk, HeadKey(instanceId), head.Value!.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                return false; // restarted meanwhile: the new execution stays
            }
        }

        Response deleted = await instances.DeleteEntityAsync(pk, instanceId, ETag.All, cancellationToken).ConfigureAwait(false);
        existed |= deleted.Status != 404;
        await foreach (BlobItem blob in payloads.GetBlobsAsync(BlobTraits.None, BlobStates.None, instanceId + "/", cancellationToken).ConfigureAwait(false))
        {
            await payloads.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return existed;
    }

    public async Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int partition, CancellationToken cancellationToken)
    {
        string pk = Pk(partition);
        var letters = new List<DeadLetter>();
        await foreach (TableEntity e in history.QueryAsync<TableEntity>(
            e => e.PartitionKey == pk && e.RowKey.CompareTo("d|") >= 0 && e.RowKey.CompareTo("d}") < 0, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            letters.Add(new DeadLetter(e.RowKey, partition, e.GetString("Instance"), e.GetString("Reason") ?? string.Empty,
                e.GetString("Message") ?? string.Empty, e.GetDateTimeOffset("At")?.UtcDateTime ?? default));
        }

        return letters;
    }

    public async Task DeleteDeadLetterAsync(int partition, string id, CancellationToken cancellationToken) =>
        await history.DeleteEntityAsync(Pk(partition), id, ETag.All, cancellationToken).ConfigureAwait(false);

    async Task<TableEntity> ToEntityAsync(string pk, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(pk, message.Id) { ["Instance"] = message.Message.InstanceId };
        await SetTextAsync(entity, "Message", HistoryJson.Serialize(message.Message), MaxInlineEventChars, $"{message.Message.InstanceId}/m/{Guid.NewGuid():N}", cancellationToken).ConfigureAwait(false);
        return entity;
    }

    async Task<TableEntity> ToEntityAsync(string pk, InstanceHead head, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(pk, HeadKey(head.InstanceId))
        {
            ["Name"] = head.Name,
            ["ExecutionId"] = head.ExecutionId,
            ["Status"] = head.Status.ToString(),
            ["Failure"] = Truncate(HistoryJson.Serialize(head.Failure), MaxInlineHeadChars),
            ["CreatedAt"] = head.CreatedAt,
            ["LastUpdatedAt"] = head.LastUpdatedAt,
            ["Episodes"] = head.Episodes,
            ["OpenActivities"] = head.OpenActivities,
            ["OutboxFrom"] = head.OutboxFrom,
            ["DeadLetters"] = head.DeadLetterCount,
        };
        await SetTextAsync(entity, "Input", head.Input, MaxInlineHeadChars, $"{head.InstanceId}/{head.ExecutionId}", cancellationToken).ConfigureAwait(false);
        await SetTextAsync(entity, "Output", head.Output, MaxInlineHeadChars, $"{head.InstanceId}/{head.ExecutionId}", cancellationToken).ConfigureAwait(false);
        await SetTextAsync(entity, "CustomStatus", head.CustomStatus, MaxInlineHeadChars, $"{head.InstanceId}/{head.ExecutionId}", cancellationToken).ConfigureAwait(false);
        return entity;
    }

    async Task<InstanceHead> ToHeadAsync(TableEntity e, bool withPayloads, CancellationToken cancellationToken) =>
        new(e.RowKey[2..], e.GetString("Name") ?? string.Empty, e.GetString("ExecutionId") ?? string.Empty)
        {
            Status = ParseStatus(e),
            Input = withPayloads ? await GetTextAsync(e, "Input", cancellationToken).ConfigureAwait(false) : null,
            Output = withPayloads ? await GetTextAsync(e, "Output", cancellationToken).ConfigureAwait(false) : null,
            CustomStatus = await GetTextAsync(e, "CustomStatus", cancellationToken).ConfigureAwait(false),
            Failure = HistoryJson.DeserializeFailure(e.GetString("Failure")),
            CreatedAt = e.GetDateTimeOffset("CreatedAt")?.UtcDateTime ?? default,
            LastUpdatedAt = e.GetDateTimeOffset("LastUpdatedAt")?.UtcDateTime ?? default,
            Episodes = e.GetInt32("Episodes") ?? 0,
            OpenActivities = e.GetInt32("OpenActivities") ?? 0,
            OutboxFrom = e.GetInt32("OutboxFrom") ?? -1,
            DeadLetterCount = e.GetInt32("DeadLetters") ?? 0,
        };

    // The projection holds what queries filter and list; inputs and outputs stay in the head.
    static TableEntity ToProjection(string pk, InstanceHead head) => new(pk, head.InstanceId)
    {
        ["Name"] = head.Name,
        ["ExecutionId"] = head.ExecutionId,
        ["Status"] = head.Status.ToString(),
        ["CustomStatus"] = head.CustomStatus is { Length: <= MaxInlineHeadChars } status ? status : null,
        ["Failure"] = Truncate(HistoryJson.Serialize(head.Failure), MaxInlineHeadChars),
        ["CreatedAt"] = head.CreatedAt,
        ["LastUpdatedAt"] = head.LastUpdatedAt,
        ["DeadLetters"] = head.DeadLetterCount,
    };

    static InstanceHead FromProjection(TableEntity e) => new(e.RowKey, e.GetString("Name") ?? string.Empty, e.GetString("ExecutionId") ?? string.Empty)
    {
        Status = ParseStatus(e),
        CustomStatus = e.GetString("CustomStatus"),
        Failure = HistoryJson.DeserializeFailure(e.GetString("Failure")),
        CreatedAt = e.GetDateTimeOffset("CreatedAt")?.UtcDateTime ?? default,
        LastUpdatedAt = e.GetDateTimeOffset("LastUpdatedAt")?.UtcDateTime ?? default,
        DeadLetterCount = e.GetInt32("DeadLetters") ?? 0,
    };

    static string ProjectionFilterText(OrchestrationQuery query)
    {
        var clauses = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        if (query.Name is { } name)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }

        if (query.CreatedFrom is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }

        if (query.CreatedTo is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt lt {to}"));
        }

        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            string after = prefix[..^1] + (char)(prefix[^1] + 1);
            clauses.Add(TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {after}"));
        }

        return string.Join(" and ", clauses);
    }

    static OrchestrationRuntimeStatus ParseStatus(TableEntity e) =>
        Enum.TryParse(e.GetString("Status"), out OrchestrationRuntimeStatus status) ? status : OrchestrationRuntimeStatus.Pending;

    async ValueTask SetTextAsync(TableEntity entity, string property, string? value, int maxInline, string folder, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length <= maxInline)
        {
            entity[property] = value;
            return;
        }

        // Content-addressed under the instance's (and execution's) folder: a head rewritten at every step uploads
        // its large input once, and purge finds everything by the instance's prefix. Purge deletes only finished
        // executions, which are never written again, so a remembered upload never points at a deleted blob.
        string name = $"{folder}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))}";
        if (!uploaded.ContainsKey(name))
        {
            await payloads.GetBlobClient(name).UploadAsync(BinaryData.FromString(value), overwrite: true, cancellationToken).ConfigureAwait(false);
            if (uploaded.Count > 100_000)
            {
                uploaded.Clear();
            }

            uploaded.TryAdd(name, 0);
        }

        entity[property + "Blob"] = name;
    }

    async ValueTask<string?> GetTextAsync(TableEntity entity, string property, CancellationToken cancellationToken)
    {
        if (entity.GetString(property) is { } inline)
        {
            return inline;
        }

        if (entity.GetString(property + "Blob") is not { } name)
        {
            return null;
        }

        Response<BlobDownloadResult> blob = await payloads.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return blob.Value.Content.ToString();
    }

    static int EstimateChars(ITableEntity entity) =>
        entity is IDictionary<string, object> e ? 200 + e.Values.Sum(v => v is string s ? s.Length : 16) : 200;

    static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
