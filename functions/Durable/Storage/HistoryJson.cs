using System.Text.Json;

namespace Hntt.Durable.Storage;

/// <summary>The JSON shapes of stored events and messages, shared by every store.</summary>
internal static class HistoryJson
{
    public static string Serialize(IReadOnlyList<HistoryEvent> events) => JsonSerializer.Serialize(events, DataConverter.Options);

    public static IReadOnlyList<HistoryEvent> DeserializeEvents(string json) =>
        JsonSerializer.Deserialize<List<HistoryEvent>>(json, DataConverter.Options) ?? [];

    public static string Serialize(TaskMessage message) => JsonSerializer.Serialize(message, DataConverter.Options);

    public static TaskMessage DeserializeMessage(string json) =>
        JsonSerializer.Deserialize<TaskMessage>(json, DataConverter.Options) ?? throw new JsonException("The message is empty.");

    public static string? Serialize(TaskFailureDetails? failure) => failure is null ? null : JsonSerializer.Serialize(failure, DataConverter.Options);

    public static TaskFailureDetails? DeserializeFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(json, DataConverter.Options);

    /// <summary>Reads a stored message, keeping the text and the error when it cannot be parsed.</summary>
    public static StoredMessage Read(string id, DateTime visibleAt, string? instanceId, string raw)
    {
        try
        {
            TaskMessage message = DeserializeMessage(raw);
            return new StoredMessage(id, visibleAt, message.InstanceId, message, raw);
        }
        catch (JsonException ex)
        {
            return new StoredMessage(id, visibleAt, instanceId, null, raw, $"Unreadable message: {ex.Message}");
        }
    }
}
