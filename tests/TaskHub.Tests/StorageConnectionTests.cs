using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hntt.TaskHub.Tests;

/// <summary>Storage connections named as Azure Functions names them: a connection string, or a managed identity and no key.</summary>
public sealed class StorageConnectionTests
{
    static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void An_account_name_and_a_client_id_connect_with_the_managed_identity_and_no_key()
    {
        var connection = StorageConnection.From(Config(("AzureWebJobsStorage:accountName", "sthnttprod"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")), "AzureWebJobsStorage");

        Assert.Equal(new Uri("https://sthnttprod.table.core.windows.net/"), connection.Tables().Uri);
        Assert.Equal(new Uri("https://sthnttprod.blob.core.windows.net/"), connection.Blobs().Uri);
        Assert.Equal("sthnttprod", connection.Tables().AccountName);
        Assert.Equal(new Uri("https://sthnttprod.queue.core.windows.net/"), connection.ClientProvider([]).Queue.CreateClient(new Azure.Storage.Queues.QueueClientOptions()).Uri);
    }

    [Fact]
    public void A_connection_string_is_used_as_it_is()
    {
        var connection = StorageConnection.From(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")), "AzureWebJobsStorage");

        Assert.Equal("devstoreaccount1", connection.Blobs().AccountName);
    }

    [Fact]
    public void Nothing_configured_fails_naming_the_keys_to_set()
    {
        var error = Assert.Throws<OptionsValidationException>(() => StorageConnection.From(Config(), "AzureWebJobsStorage"));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }
}
