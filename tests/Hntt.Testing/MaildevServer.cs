using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Hntt.Testing;

/// <summary>A private maildev (a real SMTP server with a REST API) on free loopback ports, stopped on dispose.</summary>
public sealed class MaildevServer : IAsyncDisposable
{
    readonly Process process;
    readonly string folder;

    MaildevServer(Process process, string folder, int smtpPort, int webPort)
    {
        this.process = process;
        this.folder = folder;
        SmtpPort = smtpPort;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    /// <summary>The SMTP port.</summary>
    public int SmtpPort { get; }

    /// <summary>A client for maildev's REST API.</summary>
    public HttpClient Api { get; }

    /// <summary>Starts maildev; with <paramref name="smtpPort"/> to bring a server up on a port chosen earlier.</summary>
    public static async Task<MaildevServer> StartAsync(int? smtpPort = null)
    {
        int[] ports = FreePorts.Take(2);
        int smtp = smtpPort ?? ports[0];
        string folder = Directory.CreateTempSubdirectory("maildev-").FullName;
        Process process = ServerProcess.Start("maildev",
        [
            "--smtp", smtp.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ip", "127.0.0.1",
            "--web", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture), "--web-ip", "127.0.0.1", "--mail-directory", folder,
        ]);
        var server = new MaildevServer(process, folder, smtp, ports[1]);
        await Eventually.HoldsAsync(async () => await server.AcceptsAsync(), TimeSpan.FromSeconds(30), "maildev accepts connections");
        return server;
    }

    /// <summary>Every message received, newest last, as maildev's JSON.</summary>
    public async Task<IReadOnlyList<JsonElement>> MessagesAsync() =>
        [.. (await Api.GetFromJsonAsync<JsonElement[]>("api/email?sort=asc&limit=100000").ConfigureAwait(false))!];

    /// <summary>A message's raw source (RFC 5322).</summary>
    public Task<Stream> SourceAsync(string id) => Api.GetStreamAsync(new Uri($"api/email/{id}/source", UriKind.Relative));

    async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", SmtpPort).ConfigureAwait(false);
            using HttpResponseMessage response = await Api.GetAsync(new Uri("api/email", UriKind.Relative)).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is SocketException or HttpRequestException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await ServerProcess.StopAsync(process, folder).ConfigureAwait(false);
    }
}
