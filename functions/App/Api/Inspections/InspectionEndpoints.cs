using Hntt.App.Api.Security;
using Hntt.App.Inspections;
using Hntt.App.Registry;
using Hntt.Domain.Inspections;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Hntt.App.Api.Inspections;

/// <summary>An inspection DIC plans (TH Art. 6.4); the time is local.</summary>
public sealed record InspectionInput(string SiteId, DateTime PlannedAt, bool AdHoc, string Inspector, string? Notes = null);

/// <summary>A finding and the fix assigned: to a unit, by a deadline (local time).</summary>
public sealed record FindingInput(FindingArea Area, FindingSeverity Severity, string Description, string AssignedUnitId, DateTime Due);

/// <summary>How a finding was fixed.</summary>
public sealed record FindingClosure(string Resolution);

/// <summary>An inspection with what it found.</summary>
public sealed record InspectionView(Inspection Inspection, string? SiteName, IReadOnlyList<Finding> Findings);

/// <summary>
/// <c>/api/inspections</c>: DIC plans inspections of rooms and records what they find — equipment, the logbook kept,
/// two trained technicians on duty (TH Art. 4.3, 8.2–8.3) — with photos or files, assigns each fix to a unit by a
/// deadline, and closes it when fixed; until then the unit is reminded, and DIC told when it is overdue (TH Art. 6.4).
/// Technicians see their own rooms' inspections.
/// </summary>
internal static class InspectionEndpoints
{
    const long MaxFileBytes = 5 * 1024 * 1024;
    static readonly string[] FileTypes = ["image/jpeg", "image/png", "application/pdf"];

    public static void MapInspectionEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/inspections").WithTags("Inspections");
        group.MapPost("/", PlanAsync).RequireAuthorization(Access.ManageInspections).WithMetadata(new BodyLimit(8192))
            .WithName("PlanInspection").WithSummary("Plans an inspection of a room, periodic or ad hoc (TH Art. 6.4).").ProducesWithLocation<Inspection>(StatusCodes.Status201Created);
        group.MapGet("/", ListAsync).RequireAuthorization(Access.ReadInspections)
            .WithName("ListInspections").WithSummary("Inspections with their findings, newest first; by room, or only those with open findings.").Produces<IReadOnlyList<InspectionView>>();
        group.MapPost("/{inspectionId}/findings", RecordFindingAsync).RequireAuthorization(Access.ManageInspections).WithMetadata(new BodyLimit(8192))
            .WithName("RecordFinding").WithSummary("Records a finding and assigns its fix; the unit is reminded until it is closed.").ProducesWithLocation<Finding>(StatusCodes.Status201Created);
        group.MapPut("/{inspectionId}/findings/{findingId}/files/{fileName}", AttachAsync).RequireAuthorization(Access.ManageInspections)
            .WithMetadata(new BodyLimit(MaxFileBytes))
            .WithName("AttachFindingFile").WithSummary("Keeps a photo (JPEG, PNG) or a PDF, up to 5 MB, with a finding.").ProducesWithLocation<FindingFile>(StatusCodes.Status201Created);
        group.MapGet("/{inspectionId}/findings/{findingId}/files/{fileName}", ReadFileAsync).RequireAuthorization(Access.ReadInspections)
            .WithName("ReadFindingFile").WithSummary("A file kept with a finding.").Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png", "application/pdf");
        group.MapPost("/{inspectionId}/findings/{findingId}/close", CloseAsync).RequireAuthorization(Access.ManageInspections).WithMetadata(new BodyLimit(8192))
            .WithName("CloseFinding").WithSummary("Closes a finding with how it was fixed; its follow-up stops.").Produces(StatusCodes.Status204NoContent);
    }

    static async Task<IResult> PlanAsync(InspectionInput body, HttpContext http, IInspectionStore store, IRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        RegistryData data = await registry.ReadAsync(cancellationToken);
        DateTime now = time.GetUtcNow().UtcDateTime;
        List<ValidationError> errors = [];
        if (data.Sites.All(s => s.Id != body.SiteId))
        {
            errors.Add(new("siteId", "exists", $"Không có điểm cầu '{body.SiteId}'."));
        }

        if (string.IsNullOrWhiteSpace(body.Inspector) || body.Inspector.Length > 200)
        {
            errors.Add(new("inspector", "required", "Người kiểm tra (1–200 ký tự)."));
        }

        if (Math.Abs((VietnamTime.ToUtc(body.PlannedAt) - now).TotalDays) > 366)
        {
            errors.Add(new("plannedAt", "range", "'plannedAt' trong vòng một năm (giờ Việt Nam)."));
        }

        if (body.Notes is { Length: > 2000 })
        {
            errors.Add(new("notes", "maxLength", "Ghi chú tối đa 2000 ký tự."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var inspection = new Inspection(Guid.NewGuid().ToString("N"), body.SiteId, VietnamTime.ToUtc(body.PlannedAt), body.AdHoc, body.Inspector.Trim()) { Notes = body.Notes };
        await store.SaveInspectionAsync(inspection, cancellationToken);
        return TypedResults.Created($"/api/inspections/{inspection.Id}", inspection);
    }

    static async Task<IResult> ListAsync(HttpContext http, IInspectionStore store, IRegistry registry, string? siteId, bool? open, CancellationToken cancellationToken)
    {
        if (siteId is not null && !RouteIds.Valid(siteId))
        {
            return Problems.Invalid("siteId", "format", "'siteId': 1–256 ký tự, không chứa / \\ # ? |.");
        }

        var caller = new Caller(http.User);
        RegistryData data = await registry.ReadAsync(cancellationToken);
        ILookup<string, Finding> findings = (await store.ListFindingsAsync(cancellationToken)).ToLookup(f => f.InspectionId);
        IEnumerable<InspectionView> views = (await store.ListInspectionsAsync(cancellationToken))
            .Where(i => (siteId is null || i.SiteId == siteId) && (!caller.OnlyOwnSites || caller.Sites.Contains(i.SiteId)))
            .Select(i => new InspectionView(i, data.Sites.FirstOrDefault(s => s.Id == i.SiteId)?.Name, [.. findings[i.Id].OrderBy(f => f.RecordedUtc)]))
            .Where(v => open is not true || v.Findings.Any(f => f.Open));
        return TypedResults.Ok(views.ToList());
    }

    static async Task<IResult> RecordFindingAsync(string inspectionId, FindingInput body, IInspectionStore store, IRegistry registry, DurableTaskClient client,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.ReadInspectionAsync(inspectionId, cancellationToken) is not { } inspection)
        {
            return Problems.NotFound($"Không có đợt kiểm tra '{inspectionId}'.");
        }

        RegistryData data = await registry.ReadAsync(cancellationToken);
        DateTime now = time.GetUtcNow().UtcDateTime, due = VietnamTime.ToUtc(body.Due);
        List<ValidationError> errors = [];
        if (!Enum.IsDefined(body.Area))
        {
            errors.Add(new("area", "oneOf", $"'area' là một trong: {string.Join(", ", Enum.GetNames<FindingArea>())}."));
        }

        if (!Enum.IsDefined(body.Severity))
        {
            errors.Add(new("severity", "oneOf", $"'severity' là một trong: {string.Join(", ", Enum.GetNames<FindingSeverity>())}."));
        }

        if (string.IsNullOrWhiteSpace(body.Description) || body.Description.Length > 2000)
        {
            errors.Add(new("description", "required", "Nội dung phát hiện (1–2000 ký tự)."));
        }

        if (data.Units.All(u => u.Id != body.AssignedUnitId))
        {
            errors.Add(new("assignedUnitId", "exists", $"Không có đơn vị '{body.AssignedUnitId}'."));
        }

        if (due <= now || due - now > TimeSpan.FromDays(366))
        {
            errors.Add(new("due", "range", "'due': hạn khắc phục sau thời điểm hiện tại, trong vòng một năm (giờ Việt Nam)."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var finding = new Finding(Guid.NewGuid().ToString("N"), inspection.Id, inspection.SiteId, body.Area, body.Severity, body.Description.Trim(), body.AssignedUnitId, due, now);
        await store.SaveFindingAsync(finding, cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(FindingFollowUpOrchestration), new FindingWatch(finding.Id, due),
            new StartOrchestrationOptions(FindingFollowUpOrchestration.InstanceId(finding.Id)), cancellationToken);
        return TypedResults.Created($"/api/inspections/{inspection.Id}/findings/{finding.Id}", finding);
    }

    static async Task<IResult> AttachAsync(string inspectionId, string findingId, string fileName, HttpRequest request, IInspectionStore store, CancellationToken cancellationToken)
    {
        if (FileNameProblem(fileName) is { } invalid)
        {
            return invalid;
        }

        string? type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is null || !FileTypes.Contains(type))
        {
            return Problems.Invalid("contentType", "oneOf", "Ảnh JPEG, PNG hoặc tệp PDF (Content-Type image/jpeg, image/png, application/pdf).");
        }

        if (request.ContentLength is not > 0)
        {
            return Problems.Invalid("body", "required", "Tệp rỗng (an empty file).");
        }

        if (await store.ReadFindingAsync(findingId, cancellationToken) is not { } finding || finding.InspectionId != inspectionId)
        {
            return Problems.NotFound($"Không có phát hiện '{findingId}' trong đợt kiểm tra '{inspectionId}'.");
        }

        var file = new FindingFile(fileName, type, request.ContentLength.Value);
        await store.SaveFileAsync(findingId, file, request.Body, cancellationToken);
        await store.SaveFindingAsync(finding with { Files = [.. finding.Files.Where(f => f.Name != fileName), file] }, cancellationToken);
        return TypedResults.Created($"/api/inspections/{inspectionId}/findings/{findingId}/files/{fileName}", file);
    }

    static async Task<IResult> ReadFileAsync(string inspectionId, string findingId, string fileName, HttpContext http, IInspectionStore store, CancellationToken cancellationToken)
    {
        if (FileNameProblem(fileName) is { } invalid)
        {
            return invalid;
        }

        if (await store.ReadFindingAsync(findingId, cancellationToken) is not { } finding || finding.InspectionId != inspectionId
            || finding.Files.FirstOrDefault(f => f.Name == fileName) is not { } file
            || (new Caller(http.User) is { OnlyOwnSites: true } caller && !caller.Sites.Contains(finding.SiteId))
            || await store.OpenFileAsync(findingId, fileName, cancellationToken) is not { } content)
        {
            return Problems.NotFound($"Không có tệp '{fileName}'.");
        }

        return TypedResults.Stream(content, file.ContentType, fileName);
    }

    static async Task<IResult> CloseAsync(string inspectionId, string findingId, FindingClosure body, IInspectionStore store, DurableTaskClient client, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Resolution) || body.Resolution.Length > 2000)
        {
            return Problems.Invalid("resolution", "required", "Cách khắc phục (1–2000 ký tự).");
        }

        if (await store.ReadFindingAsync(findingId, cancellationToken) is not { } finding || finding.InspectionId != inspectionId)
        {
            return Problems.NotFound($"Không có phát hiện '{findingId}' trong đợt kiểm tra '{inspectionId}'.");
        }

        if (finding.Open)
        {
            await store.SaveFindingAsync(finding with { ClosedUtc = time.GetUtcNow().UtcDateTime, Resolution = body.Resolution.Trim() }, cancellationToken);
            await client.RaiseEventAsync(FindingFollowUpOrchestration.InstanceId(findingId), FindingFollowUpOrchestration.ClosedEvent, body.Resolution.Trim(), cancellationToken);
        }

        return TypedResults.NoContent();
    }

    static IResult? FileNameProblem(string name) =>
        name.Length is > 0 and <= 100 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') ? null
        : Problems.Invalid("fileName", "format", "'fileName': 1–100 ký tự chữ, số, '.', '-', '_' (letters, digits, . - _).");
}
