using System.Collections.Concurrent;
using System.Globalization;
using Hntt.Relay.Protocol;
using Microsoft.Extensions.Options;

namespace Hntt.Relay.Security;

/// <summary>
/// Accepts a request only when it is signed with a known caller's key, recent (within the allowed clock skew) and
/// not seen before (its nonce is remembered for twice the skew). Answers 401 with the reason otherwise.
/// </summary>
internal sealed class SignatureVerifier(IOptions<RelayOptions> options, TimeProvider time)
{
    readonly ConcurrentDictionary<string, DateTimeOffset> seenNonces = new(StringComparer.Ordinal);
    DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    /// <summary>The caller's name when the request is genuine; otherwise null and the reason.</summary>
    public async Task<(string? Caller, string? Reason)> VerifyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? caller = request.Headers[RequestSignature.CallerHeader];
        if (caller is null || !options.Value.Callers.TryGetValue(caller, out string? key))
        {
            return (null, "unknown caller");
        }

        if (!long.TryParse(request.Headers[RequestSignature.TimestampHeader], NumberStyles.Integer, CultureInfo.InvariantCulture, out long timestamp))
        {
            return (null, "missing timestamp");
        }

        DateTimeOffset now = time.GetUtcNow();
        if ((now - DateTimeOffset.FromUnixTimeMilliseconds(timestamp)).Duration() > options.Value.MaxClockSkew)
        {
            return (null, "timestamp outside the allowed clock skew");
        }

        string? nonce = request.Headers[RequestSignature.NonceHeader];
        if (string.IsNullOrEmpty(nonce))
        {
            return (null, "missing nonce");
        }

        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        request.Body.Position = 0;
        string expected = RequestSignature.Sign(Convert.FromBase64String(key), request.Method, request.Path + request.QueryString, timestamp, nonce, body.ToArray());
        if (!RequestSignature.Matches(expected, request.Headers[RequestSignature.SignatureHeader]))
        {
            return (null, "bad signature");
        }

        Sweep(now);
        return seenNonces.TryAdd($"{caller}:{nonce}", now) ? (caller, null) : (null, "replayed request");
    }

    // Nonces older than twice the skew cannot come back: their timestamps would be rejected.
    void Sweep(DateTimeOffset now)
    {
        if (now - lastSweep < options.Value.MaxClockSkew)
        {
            return;
        }

        lastSweep = now;
        foreach (var (nonce, at) in seenNonces)
        {
            if (now - at > options.Value.MaxClockSkew * 2)
            {
                seenNonces.TryRemove(nonce, out _);
            }
        }
    }
}
