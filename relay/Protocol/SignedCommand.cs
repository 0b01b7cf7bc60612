using System.Text.Json;

namespace Hntt.Relay.Protocol;

/// <summary>
/// A command as it travels over a queue: its JSON body and the same HMAC signature the HTTPS transport puts in headers
/// (signed as <c>POST /commands</c>), so a leaked Service Bus key cannot move an MCU.
/// </summary>
/// <param name="Caller">The caller's name.</param>
/// <param name="TimestampMs">Unix time of signing, in milliseconds.</param>
/// <param name="Nonce">A value never used twice; also the message's id, so the broker drops a resent copy.</param>
/// <param name="Signature">The signature, base64.</param>
/// <param name="Body">The <see cref="RelayCommandRequest"/> as JSON.</param>
public sealed record SignedCommand(string Caller, long TimestampMs, string Nonce, string Signature, ReadOnlyMemory<byte> Body)
{
    /// <summary>What a queued command is signed as.</summary>
    public const string Method = "POST", Path = "/commands";

    /// <summary>JSON as both sides write a queued command and its answer.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Signs <paramref name="command"/> as <paramref name="caller"/>.</summary>
    public static SignedCommand Sign(RelayCommandRequest command, string caller, byte[] key, DateTimeOffset now)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(command, Json);
        long timestamp = now.ToUnixTimeMilliseconds();
        string nonce = Guid.NewGuid().ToString("N");
        return new SignedCommand(caller, timestamp, nonce, RequestSignature.Sign(key, caller, Method, Path, timestamp, nonce, body), body);
    }

    /// <summary>The command in the body, or null when it is not one.</summary>
    public RelayCommandRequest? Command()
    {
        try
        {
            return JsonSerializer.Deserialize<RelayCommandRequest>(Body.Span, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// A result as it travels back over a queue, signed with the caller's key over the command's message id, so that only
/// the relay can report a command as done.
/// </summary>
public static class SignedReply
{
    static JsonSerializerOptions Json => SignedCommand.Json;

    /// <summary>The signature of a reply to the command sent as <paramref name="commandMessageId"/>.</summary>
    public static string Sign(byte[] key, string caller, string commandMessageId, long timestampMs, ReadOnlySpan<byte> body) =>
        RequestSignature.Sign(key, caller, "REPLY", "/replies/" + commandMessageId, timestampMs, commandMessageId, body);

    /// <summary>The result as JSON.</summary>
    public static byte[] Body(RelayCommandResult result) => JsonSerializer.SerializeToUtf8Bytes(result, Json);

    /// <summary>The result in a reply's body, or null.</summary>
    public static RelayCommandResult? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<RelayCommandResult>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The application properties that carry a signature on a queued message.</summary>
public static class MessageProperties
{
    /// <summary>The caller's name.</summary>
    public const string Caller = "hntt-caller";

    /// <summary>Unix time of signing, in milliseconds.</summary>
    public const string Timestamp = "hntt-timestamp";

    /// <summary>The signature, base64.</summary>
    public const string Signature = "hntt-signature";

    /// <summary>The command's idempotency key, for whoever reads the dead-letter queue.</summary>
    public const string IdempotencyKey = "hntt-idempotency-key";
}
