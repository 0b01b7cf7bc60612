using Hntt.Domain.Inspections;

namespace Hntt.App.Inspections;

/// <summary>Inspections, their findings and the files kept with them (TH Art. 6.4).</summary>
public interface IInspectionStore
{
    /// <summary>Saves an inspection.</summary>
    Task SaveInspectionAsync(Inspection inspection, CancellationToken cancellationToken);

    /// <summary>One inspection, or null.</summary>
    Task<Inspection?> ReadInspectionAsync(string inspectionId, CancellationToken cancellationToken);

    /// <summary>Every inspection, newest first.</summary>
    Task<IReadOnlyList<Inspection>> ListInspectionsAsync(CancellationToken cancellationToken);

    /// <summary>Saves a finding (new, with a file, or closed).</summary>
    Task SaveFindingAsync(Finding finding, CancellationToken cancellationToken);

    /// <summary>One finding, or null.</summary>
    Task<Finding?> ReadFindingAsync(string findingId, CancellationToken cancellationToken);

    /// <summary>Every finding.</summary>
    Task<IReadOnlyList<Finding>> ListFindingsAsync(CancellationToken cancellationToken);

    /// <summary>The open critical findings only: what flags an invited room, read on every view of a meeting.</summary>
    Task<IReadOnlyList<Finding>> ListBlockingFindingsAsync(CancellationToken cancellationToken);

    /// <summary>Keeps a file with a finding.</summary>
    Task SaveFileAsync(string findingId, FindingFile file, Stream content, CancellationToken cancellationToken);

    /// <summary>A file kept with a finding, or null.</summary>
    Task<Stream?> OpenFileAsync(string findingId, string name, CancellationToken cancellationToken);
}
