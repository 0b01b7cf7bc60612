using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hntt.App;

/// <summary>How the application's own tables and hashes write JSON: its format, owned here, not the engine's.</summary>
public static class AppJson
{
    /// <summary>
    /// Web defaults (camelCase, case-insensitive reads), enums as names so that a new member never reinterprets a
    /// stored row, Vietnamese kept as it is (a third of the size of \u escapes, and readable in storage).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}
