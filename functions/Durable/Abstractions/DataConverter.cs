using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hntt.Durable;

/// <summary>How inputs, outputs and event payloads become JSON in history and back.</summary>
public static class DataConverter
{
    /// <summary>The serializer options every payload uses (web defaults: camelCase, case-insensitive reads).</summary>
    /// <remarks>Vietnamese text is stored as it is, not as \u escapes: a third of the size, and readable in storage.
    /// Payloads are data, never embedded in HTML unencoded, so the relaxed encoder is safe here.</remarks>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes a value; null stays null.</summary>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes a value; null JSON gives the type's default.</summary>
    public static object? Deserialize(string? json, Type type) =>
        json is null ? (type.IsValueType ? Activator.CreateInstance(type) : null) : JsonSerializer.Deserialize(json, type, Options);

    /// <summary>Deserializes a value; null JSON gives the type's default.</summary>
    public static T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, Options);
}
