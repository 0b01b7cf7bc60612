using System.Text;

namespace Hntt.Durable.Worker;

/// <summary>Which partition an instance lives in: FNV-1a of its id, as the Durable Task Framework does.</summary>
internal static class Partitions
{
    public static int Of(string instanceId, int partitionCount)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)(hash % (uint)partitionCount);
    }
}
