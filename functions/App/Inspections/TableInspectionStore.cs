using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Hntt.Domain.Inspections;

namespace Hntt.App.Inspections;

/// <summary>Inspections and findings in Azure Tables (a province has hundreds a year, not millions); files in a private blob container.</summary>
internal sealed class TableInspectionStore(TableServiceClient tables, BlobServiceClient blobs) : IInspectionStore
{
    readonly TableClient inspections = tables.GetTableClient("Inspections");
    readonly TableClient findings = tables.GetTableClient("InspectionFindings");
    readonly BlobContainerClient files = blobs.GetBlobContainerClient("inspection-files");

    public async Task SaveInspectionAsync(Inspection inspection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        await inspections.CreateIfNotExistsAsync(cancellationToken);
        await inspections.UpsertEntityAsync(Row(inspection.Id, inspection), TableUpdateMode.Replace, cancellationToken);
    }

    public Task<Inspection?> ReadInspectionAsync(string inspectionId, CancellationToken cancellationToken) => ReadAsync<Inspection>(inspections, inspectionId, cancellationToken);

    public async Task<IReadOnlyList<Inspection>> ListInspectionsAsync(CancellationToken cancellationToken) =>
        [.. (await ListAsync<Inspection>(inspections, "PartitionKey eq 'all'", cancellationToken)).OrderByDescending(i => i.PlannedUtc)];

    public async Task SaveFindingAsync(Finding finding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finding);
        await findings.CreateIfNotExistsAsync(cancellationToken);
        TableEntity row = Row(finding.Id, finding);
        row["Blocks"] = finding.Blocks; // filtered by the table service, not by reading every finding
        await findings.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public Task<Finding?> ReadFindingAsync(string findingId, CancellationToken cancellationToken) => ReadAsync<Finding>(findings, findingId, cancellationToken);

    public Task<IReadOnlyList<Finding>> ListFindingsAsync(CancellationToken cancellationToken) => ListAsync<Finding>(findings, "PartitionKey eq 'all'", cancellationToken);

    public Task<IReadOnlyList<Finding>> ListBlockingFindingsAsync(CancellationToken cancellationToken) =>
        ListAsync<Finding>(findings, "PartitionKey eq 'all' and Blocks eq true", cancellationToken);

    public async Task SaveFileAsync(string findingId, FindingFile file, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await files.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        await files.GetBlobClient($"{findingId}/{file.Name}").UploadAsync(content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType } }, cancellationToken);
    }

    public async Task<Stream?> OpenFileAsync(string findingId, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await files.GetBlobClient($"{findingId}/{name}").OpenReadAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    static TableEntity Row<T>(string id, T item) => new("all", id) { ["Json"] = JsonSerializer.Serialize(item, AppJson.Options) };

    static async Task<T?> ReadAsync<T>(TableClient table, string id, CancellationToken cancellationToken)
        where T : class
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        NullableResponse<TableEntity> row = await table.GetEntityIfExistsAsync<TableEntity>("all", id, cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<T>(row.Value!.GetString("Json"), AppJson.Options) : null;
    }

    static async Task<IReadOnlyList<T>> ListAsync<T>(TableClient table, string filter, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        var items = new List<T>();
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize<T>(row.GetString("Json"), AppJson.Options)!);
        }

        return items;
    }
}
