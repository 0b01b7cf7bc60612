using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Converters;

namespace Hntt.TaskHub;

/// <summary>How inputs, outputs, custom status and event payloads become JSON in the task hub, for the worker and every client.</summary>
public static class TaskHubJson
{
    /// <summary>
    /// Web defaults (camelCase, case-insensitive reads) with enums as names, so inserting an enum member never
    /// reinterprets what running instances stored.
    /// </summary>
    /// <remarks>Vietnamese text is stored as it is, not as \u escapes: a third of the size, and readable in storage.
    /// Payloads are data, never embedded in HTML unencoded, so the relaxed encoder is safe here.</remarks>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        AllowOutOfOrderMetadataProperties = true, // a polymorphic payload written by hand may name its kind anywhere
    };

    /// <summary>The SDK's data converter with <see cref="Options"/>.</summary>
    public static JsonDataConverter Converter { get; } = new(Options);
}
