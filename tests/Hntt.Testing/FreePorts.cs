using System.Net;
using System.Net.Sockets;

namespace Hntt.Testing;

/// <summary>Ports nobody listens on now, so parallel test runs never collide.</summary>
public static class FreePorts
{
    /// <summary>Takes <paramref name="count"/> distinct free loopback ports.</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        int[] ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
