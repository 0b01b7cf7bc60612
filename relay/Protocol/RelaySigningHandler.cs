namespace Hntt.Relay.Protocol;

/// <summary>Signs every request an <see cref="HttpClient"/> sends to the relay with the caller's key.</summary>
public sealed class RelaySigningHandler(string caller, byte[] key, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        long timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        string nonce = Guid.NewGuid().ToString("N");
        request.Headers.Add(RequestSignature.CallerHeader, caller);
        request.Headers.Add(RequestSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(RequestSignature.NonceHeader, nonce);
        request.Headers.Add(RequestSignature.SignatureHeader, RequestSignature.Sign(key, caller, request.Method.Method, request.RequestUri!.PathAndQuery, timestamp, nonce, body));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
