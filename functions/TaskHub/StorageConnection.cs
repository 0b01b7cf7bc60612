using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hntt.TaskHub;

/// <summary>
/// A storage connection named as Azure Functions names them: a connection string under the name
/// (<c>AzureWebJobsStorage</c>), or identity-based settings under it — <c>AzureWebJobsStorage__accountName</c> (or
/// <c>__tableServiceUri</c>, <c>__queueServiceUri</c> and <c>__blobServiceUri</c>), with <c>__clientId</c> for a
/// user-assigned managed identity — so that production needs no account key (shared-key access off).
/// </summary>
public sealed class StorageConnection
{
    readonly string? connectionString;
    readonly Uri? tableUri;
    readonly Uri? queueUri;
    readonly Uri? blobUri;
    readonly TokenCredential? credential;

    StorageConnection(string? connectionString, Uri? tableUri, Uri? queueUri, Uri? blobUri, TokenCredential? credential)
    {
        this.connectionString = connectionString;
        this.tableUri = tableUri;
        this.queueUri = queueUri;
        this.blobUri = blobUri;
        this.credential = credential;
    }

    /// <summary>A connection from a connection string.</summary>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageConnection(connectionString, null, null, null, null);
    }

    /// <summary>Reads the connection named <paramref name="name"/>; fails naming the keys to set.</summary>
    public static StorageConnection From(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if ((configuration[name] ?? configuration.GetConnectionString(name)) is { Length: > 0 } text)
        {
            return FromConnectionString(text);
        }

        IConfigurationSection section = configuration.GetSection(name);
        string? account = section["accountName"];
        Uri? Service(string key, string kind) =>
            section[key] is { } uri ? new Uri(uri) : account is null ? null : new Uri($"https://{account}.{kind}.core.windows.net");
        Uri? tables = Service("tableServiceUri", "table");
        Uri? queues = Service("queueServiceUri", "queue");
        Uri? blobs = Service("blobServiceUri", "blob");
        if (tables is null || queues is null || blobs is null)
        {
            throw new OptionsValidationException(name, typeof(StorageConnection),
                [$"No storage connection: set '{name}' to a connection string, or '{name}__accountName' (with '{name}__clientId' for a user-assigned identity)."]);
        }

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageConnection(null, tables, queues, blobs, credential);
    }

    /// <summary>A table service client for this connection.</summary>
    public TableServiceClient Tables(TableClientOptions? options = null) =>
        connectionString is not null ? new TableServiceClient(connectionString, options) : new TableServiceClient(tableUri!, credential!, options);

    /// <summary>A blob service client for this connection.</summary>
    public BlobServiceClient Blobs(BlobClientOptions? options = null) =>
        connectionString is not null ? new BlobServiceClient(connectionString, options) : new BlobServiceClient(blobUri!, credential!, options);

    /// <summary>The same connection for the Azure Storage provider; <paramref name="policies"/> see every request it sends.</summary>
    public StorageAccountClientProvider ClientProvider(IReadOnlyList<HttpPipelinePolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        T With<T>(T options)
            where T : ClientOptions
        {
            foreach (HttpPipelinePolicy policy in policies)
            {
                options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            }

            return options;
        }

        return connectionString is not null
            ? new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, With(new Azure.Storage.Blobs.BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(connectionString, With(new Azure.Storage.Queues.QueueClientOptions())),
                StorageServiceClientProvider.ForTable(connectionString, With(new TableClientOptions())))
            : new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(blobUri!, credential!, With(new Azure.Storage.Blobs.BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(queueUri!, credential!, With(new Azure.Storage.Queues.QueueClientOptions())),
                StorageServiceClientProvider.ForTable(tableUri!, credential!, With(new TableClientOptions())));
    }
}
