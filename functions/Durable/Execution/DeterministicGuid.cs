using System.Security.Cryptography;
using System.Text;

namespace Hntt.Durable.Execution;

/// <summary>Name-based UUIDs (RFC 9562 version 5): the same name always gives the same GUID.</summary>
internal static class DeterministicGuid
{
    static readonly byte[] Namespace = Guid.Parse("9e952958-5e33-4daf-827f-2fa12937b875").ToByteArray(bigEndian: true);

    public static Guid Create(string name)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] input = [.. Namespace, .. nameBytes];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version-5 UUIDs; no security depends on it.
        byte[] hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
