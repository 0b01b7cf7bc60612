namespace Hntt.Durable.Client;

/// <summary>What an instance id may be: it becomes part of table keys and blob names.</summary>
internal static class InstanceIds
{
    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (instanceId.Length > 256 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c)))
        {
            throw new ArgumentException($"Instance id '{instanceId}' is invalid: at most 256 characters, none of / \\ # ? | or control characters.", nameof(instanceId));
        }
    }
}
