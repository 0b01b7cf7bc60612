using System.Text.Json;
using Azure.Data.Tables;
using Hntt.Domain.Registry;

namespace Hntt.App.Registry;

/// <summary>
/// The registry in Azure Tables (table <c>Registry</c>: PartitionKey the entity kind, RowKey its id, the record as
/// JSON). Reads are cached for a few seconds: a 10,000-site meeting's notice batches must not each scan the table.
/// </summary>
public sealed class TableRegistry(TableServiceClient tables, TimeProvider time) : IRegistry
{
    static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    readonly TableClient table = tables.GetTableClient("Registry");
    (RegistryData Data, DateTimeOffset At)? cache;

    /// <inheritdoc/>
    public async Task<RegistryData> ReadAsync(CancellationToken cancellationToken)
    {
        if (cache is { } c && time.GetUtcNow() - c.At < CacheFor)
        {
            return c.Data;
        }

        await table.EnsureCreatedAsync(cancellationToken);
        var rows = new Dictionary<string, List<string>>();
        await foreach (TableEntity e in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            (rows.TryGetValue(e.PartitionKey, out var list) ? list : rows[e.PartitionKey] = []).Add(e.GetString("Json") ?? "{}");
        }

        List<T> All<T>(string kind) => rows.GetValueOrDefault(kind, []).Select(j => JsonSerializer.Deserialize<T>(j, AppJson.Options)!).ToList();
        Dictionary<string, string> meta = All<KeyValuePair<string, string>>("meta").ToDictionary(k => k.Key, k => k.Value);
        var data = new RegistryData(meta.GetValueOrDefault("province", "?"), int.Parse(meta.GetValueOrDefault("version", "0"), System.Globalization.CultureInfo.InvariantCulture),
            All<Unit>("unit"), All<Site>("site"), All<Mcu>("mcu"), All<Technician>("technician"), All<Contact>("contact"));
        cache = (data, time.GetUtcNow());
        return data;
    }

    /// <inheritdoc/>
    public async Task LoadAsync(RegistryData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        await table.EnsureCreatedAsync(cancellationToken);
        IEnumerable<(string Kind, string Id, object Value)> rows =
            data.Units.Select(u => ("unit", u.Id, (object)u))
            .Concat(data.Sites.Select(s => ("site", s.Id, (object)s)))
            .Concat(data.Mcus.Select(m => ("mcu", m.Id, (object)m)))
            .Concat(data.Technicians.Select(t => ("technician", t.Id, (object)t)))
            .Concat(data.Contacts.Select(c => ("contact", c.Id, (object)c)))
            .Concat([("meta", "province", KeyValuePair.Create("province", data.Province)),
                     ("meta", "version", KeyValuePair.Create("version", data.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        foreach (var kind in rows.GroupBy(r => r.Kind))
        {
            foreach (var chunk in kind.Chunk(100))
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    new TableEntity(r.Kind, r.Id) { ["Json"] = JsonSerializer.Serialize(r.Value, r.Value.GetType(), AppJson.Options) })), cancellationToken);
            }
        }

        cache = null;
    }

    /// <inheritdoc/>
    public async Task UpsertTechnicianAsync(Technician technician, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(technician);
        await table.UpsertEntityAsync(new TableEntity("technician", technician.Id) { ["Json"] = JsonSerializer.Serialize(technician, AppJson.Options) },
            TableUpdateMode.Replace, cancellationToken);
        cache = null;
    }
}
