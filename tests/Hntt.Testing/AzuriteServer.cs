using System.Diagnostics;
using System.Net.Sockets;

namespace Hntt.Testing;

/// <summary>
/// A private Azurite on free loopback ports with its own temporary data folder (disk mode: its in-memory
/// mode stalls for tens of seconds under queue load), stopped and deleted on dispose.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    readonly Process process;
    readonly string folder;

    AzuriteServer(Process process, string folder, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.folder = folder;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key
            + $";BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    /// <summary>The connection string for this server.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts a server and waits until it accepts connections.</summary>
    public static async Task<AzuriteServer> StartAsync()
    {
        string folder = Directory.CreateTempSubdirectory("azurite-").FullName;
        static string P(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (process, ports) = await ServerProcess.StartOnFreePortsAsync("azurite", 3, ports =>
        [
            "--silent", "--skipApiVersionCheck", "--location", folder,
            "--blobHost", "127.0.0.1", "--blobPort", P(ports[0]), "--queueHost", "127.0.0.1", "--queuePort", P(ports[1]), "--tableHost", "127.0.0.1", "--tablePort", P(ports[2]),
        ], async ports => await Accepts(ports[0]).ConfigureAwait(false) && await Accepts(ports[1]).ConfigureAwait(false) && await Accepts(ports[2]).ConfigureAwait(false),
            folder).ConfigureAwait(false);
        return new AzuriteServer(process, folder, ports[0], ports[1], ports[2]);
    }

    static async Task<bool> Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await ServerProcess.StopAsync(process, folder).ConfigureAwait(false);
}
