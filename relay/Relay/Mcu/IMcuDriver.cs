using Hntt.Relay.Protocol;

namespace Hntt.Relay.Mcu;

/// <summary>Drives one MCU. Throws <see cref="McuException"/> when the MCU refuses or cannot be reached.</summary>
public interface IMcuDriver
{
    /// <summary>Carries out a command; returns what the MCU answered.</summary>
    Task<string> ExecuteAsync(RelayCommandRequest command, CancellationToken cancellationToken);

    /// <summary>A conference's participants and layout, or null when the MCU has no such conference.</summary>
    Task<ConferenceStatus?> ReadAsync(string conference, CancellationToken cancellationToken);
}

/// <summary>The MCU refused a command or could not be reached.</summary>
public sealed class McuException(string message, Exception? inner = null) : Exception(message, inner);
