using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hntt.Durable;

/// <summary>
/// A storage connection named as Azure Functions names them: a connection string under the name
/// (<c>AzureWebJobsStorage</c>), or identity-based settings under it — <c>AzureWebJobsStorage__accountName</c> (or
/// <c>__tableServiceUri</c> and <c>__blobServiceUri</c>), with <c>__clientId</c> for a user-assigned managed identity — so
/// that production needs no account key (shared-key access off).
/// </summary>
public sealed class StorageConnection
{
    readonly string? connectionString;
    readonly Uri? tableUri;
    readonly Uri? blobUri;
    readonly TokenCredential? credential;

    StorageConnection(string? connectionString, Uri? tableUri, Uri? blobUri, TokenCredential? credential)
    {
        this.connectionString = connectionString;
        this.tableUri = tableUri;
        this.blobUri = blobUri;
        this.credential = credential;
    }

    /// <summary>A connection from a connection string.</summary>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageConnection(connectionString, null, null, null);
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
        Uri? tables = section["tableServiceUri"] is { } t ? new Uri(t) : account is null ? null : new Uri($"https://{account}.table.core.windows.net");
        Uri? blobs = section["blobServiceUri"] is { } b ? new Uri(b) : account is null ? null : new Uri($"https://{account}.blob.core.windows.net");
        if (tables is null || blobs is null)
        {
            throw new OptionsValidationException(name, typeof(StorageConnection),
                [$"No storage connection: set '{name}' to a connection string, or '{name}__accountName' (with '{name}__clientId' for a user-assigned identity)."]);
        }

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageConnection(null, tables, blobs, credential);
    }

    /// <summary>A table service client for this connection.</summary>
    public TableServiceClient Tables(TableClientOptions? options = null) =>
        connectionString is not null ? new TableServiceClient(connectionString, options) : new TableServiceClient(tableUri!, credential!, options);

    /// <summary>A blob service client for this connection.</summary>
    public BlobServiceClient Blobs(BlobClientOptions? options = null) =>
        connectionString is not null ? new BlobServiceClient(connectionString, options) : new BlobServiceClient(blobUri!, credential!, options);
}
