using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using DurableTask.Core.History;
using Newtonsoft.Json.Linq;

namespace Hntt.TaskHub;

/// <summary>Reads the history the Azure Storage provider hands out as JSON (events with a numeric <c>EventType</c>) back into its event types.</summary>
internal static class HistoryJson
{
    static readonly FrozenDictionary<EventType, Type> Types = typeof(HistoryEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(HistoryEvent)) && !t.IsAbstract && t.IsPublic)
        .Select(t => (Type: t, Event: (HistoryEvent)RuntimeHelpers.GetUninitializedObject(t)))
        .GroupBy(x => x.Event.EventType)
        .ToFrozenDictionary(g => g.Key, g => g.First(x => x.Type.Name == $"{g.Key}Event" || g.Count() == 1).Type);

    public static IList<HistoryEvent> Parse(string json) =>
        [.. JArray.Parse(json).Cast<JObject>().Select(e => (HistoryEvent)e.ToObject(Types[e["EventType"]!.ToObject<EventType>()])!)];
}
