using System.Net.Mail;
using Hntt.App.Api.Meetings;
using Hntt.App.Api.Security;
using Hntt.App.Meetings;
using Hntt.App.Meetings.Activities;
using Hntt.App.Notices;
using Hntt.App.Registry;
using Hntt.Domain.Meetings;
using Hntt.Domain.Registry;

namespace Hntt.App.Api.Registry;

/// <summary>A technician as DIC registers one (TH Art. 8.3: name, unit, title, phone, e-mail).</summary>
public sealed record TechnicianInput(string Id, string SiteId, string Name, string UnitId, string Title, string Phone, string Email, TechnicianAffiliation Affiliation);

/// <summary>The result of a replacement: the old technician deactivated, the newcomer flagged for training.</summary>
public sealed record TechnicianReplacement(Technician Replaced, Technician Newcomer);

/// <summary>A site with its technicians.</summary>
public sealed record SiteDetails(Site Site, IReadOnlyList<Technician> Technicians);

/// <summary><c>/api/registry/…</c>: units, sites (rooms), MCUs, technicians; DIC keeps the technicians (TH Art. 8.3).</summary>
internal static partial class RegistryEndpoints
{
    public static void MapRegistryEndpoints(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder registry = routes.MapGroup("/api/registry").WithTags("Registry");
        registry.MapGet("/units", async (IRegistry r, string? kind, CancellationToken ct) =>
            !Named<UnitKind>(kind, out UnitKind? k) ? OneOf<UnitKind>("kind")
            : TypedResults.Ok((await r.ReadAsync(ct)).Units.Where(u => k is null || u.Kind == k))).RequireAuthorization(Access.ReadRegistry)
            .WithName("ListUnits").WithSummary("Units (departments, districts, communes), by kind.").Produces<IEnumerable<Unit>>();
        registry.MapGet("/sites", async (IRegistry r, string? level, string? districtSiteId, CancellationToken ct) =>
            !Named<SiteLevel>(level, out SiteLevel? l) ? OneOf<SiteLevel>("level")
            : TypedResults.Ok((await r.ReadAsync(ct)).Sites.Where(s => (l is null || s.Level == l) && (districtSiteId is null || s.DistrictSiteId == districtSiteId))))
            .RequireAuthorization(Access.ReadRegistry).WithName("ListSites").WithSummary("Sites (meeting rooms), by level or district.").Produces<IEnumerable<Site>>();
        registry.MapGet("/sites/{siteId}", GetSiteAsync).RequireAuthorization(Access.ReadRegistry)
            .WithName("GetSite").WithSummary("One site (meeting room) with its technicians.").Produces<SiteDetails>();
        registry.MapGet("/sites/{siteId}/bookings", BookingsAsync).RequireAuthorization(Access.ReadRegistry)
            .WithName("ListBookings").WithSummary("The room's bookings (TH Art. 4.2).").Produces<IEnumerable<RoomBooking>>();
        registry.MapGet("/mcus", async (IRegistry r, CancellationToken ct) => TypedResults.Ok((await r.ReadAsync(ct)).Mcus)).RequireAuthorization(Access.ReadRegistry)
            .WithName("ListMcus").WithSummary("The MCUs: the province's master and the districts' cascaded ones.");
        registry.MapGet("/technicians", async (HttpContext http, IRegistry r, string? siteId, bool? active, CancellationToken ct) =>
            TypedResults.Ok((await r.ReadAsync(ct)).Technicians.Where(t => (siteId is null || t.SiteId == siteId) && (active is null || t.Active == active))
                .Select(t => Shown(t, new Caller(http.User)))))
            .RequireAuthorization(Access.ReadRegistry).WithName("ListTechnicians").WithSummary("Technicians; phone and e-mail only for those who call them (empty otherwise).");
        registry.MapPost("/technicians", AddTechnicianAsync).RequireAuthorization(Access.ManageRegistry).WithMetadata(new BodyLimit(8192))
            .WithName("AddTechnician").WithSummary("Registers a technician.").ProducesWithLocation<Technician>(StatusCodes.Status201Created).ProducesProblems(StatusCodes.Status409Conflict);
        registry.MapPost("/technicians/{technicianId}/replace", ReplaceTechnicianAsync).RequireAuthorization(Access.ManageRegistry).WithMetadata(new BodyLimit(8192))
            .WithName("ReplaceTechnician").WithSummary("Replaces a technician: the old one is deactivated, DIC is told and the newcomer's training flagged (TH Art. 8.3).")
            .Produces<TechnicianReplacement>();
    }

    // Coordinators, DIC, PPC Office and ops call technicians; a technician, the colleagues of their own rooms. Nobody else needs the numbers.
    static Technician Shown(Technician technician, Caller caller) =>
        caller.SeesContactsOf(technician.SiteId) ? technician : technician with { Phone = string.Empty, Email = string.Empty };

    static async Task<IResult> GetSiteAsync(string siteId, HttpContext http, IRegistry registry, CancellationToken cancellationToken)
    {
        RegistryData data = await registry.ReadAsync(cancellationToken);
        var caller = new Caller(http.User);
        return data.Sites.FirstOrDefault(s => s.Id == siteId) is { } site
            ? TypedResults.Ok(new SiteDetails(site, [.. data.Technicians.Where(t => t.SiteId == siteId).Select(t => Shown(t, caller))]))
            : Problems.NotFound($"Không có điểm cầu '{siteId}'.");
    }

    const int MaxBookingDays = 92; // a quarter per read: every read of bookings is bounded

    static async Task<IResult> BookingsAsync(string siteId, IMeetingStore store, TimeProvider time, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        if (LocalTimes.OutOfRange(from, to) is { } outOfRange)
        {
            return outOfRange;
        }

        DateTime fromUtc = from is { } f ? VietnamTime.ToUtc(f) : time.GetUtcNow().UtcDateTime.Date;
        DateTime toUtc = to is { } t ? VietnamTime.ToUtc(t) : fromUtc.AddDays(31);
        if (toUtc <= fromUtc || toUtc - fromUtc > TimeSpan.FromDays(MaxBookingDays))
        {
            return Problems.Invalid("to", "range", $"'to' sau 'from', tối đa {MaxBookingDays} ngày (at most {MaxBookingDays} days per read).");
        }

        return TypedResults.Ok((await store.ReadBookingsAsync(fromUtc, toUtc, cancellationToken)).Where(b => b.SiteId == siteId).OrderBy(b => b.StartUtc));
    }

    static async Task<IResult> AddTechnicianAsync(TechnicianInput body, IRegistry registry, CancellationToken cancellationToken)
    {
        RegistryData data = await registry.ReadAsync(cancellationToken);
        if (Validate(body, data) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        if (data.Technicians.Any(t => t.Id == body.Id))
        {
            return Problems.Conflict($"Đã có kỹ thuật viên '{body.Id}'; dùng thay thế (replace) để đổi người.");
        }

        Technician technician = ToTechnician(body) with { TrainingRequired = true };
        await registry.UpsertTechnicianAsync(technician, cancellationToken);
        return TypedResults.Created($"/api/registry/technicians?siteId={Uri.EscapeDataString(body.SiteId)}", technician);
    }

    static async Task<IResult> ReplaceTechnicianAsync(string technicianId, TechnicianInput body, IRegistry registry, INoticeSender notices, TimeProvider time,
        CancellationToken cancellationToken)
    {
        RegistryData data = await registry.ReadAsync(cancellationToken);
        if (data.Technicians.FirstOrDefault(t => t.Id == technicianId) is not { } old)
        {
            return Problems.NotFound($"Không có kỹ thuật viên '{technicianId}'.");
        }

        var errors = Validate(body, data);
        if (body.SiteId != old.SiteId)
        {
            errors.Add(new("siteId", "sameSite", $"Người thay thế phải ở cùng điểm cầu '{old.SiteId}'."));
        }

        if (body.Id == old.Id || data.Technicians.Any(t => t.Id == body.Id))
        {
            errors.Add(new("id", "unique", $"Mã '{body.Id}' đã dùng; chọn mã mới cho người thay thế."));
        }

        if (!old.Active)
        {
            errors.Add(new("technicianId", "active", $"'{technicianId}' đã được thay thế trước đó."));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        // Newcomer first: a crash between the two writes leaves three technicians, never one.
        Technician newcomer = ToTechnician(body) with { TrainingRequired = true, Replaces = old.Id };
        Technician replaced = old with { Active = false };
        await registry.UpsertTechnicianAsync(newcomer, cancellationToken);
        await registry.UpsertTechnicianAsync(replaced, cancellationToken);
        await TellDicAsync(data, replaced, newcomer, notices, time, cancellationToken);
        return TypedResults.Ok(new TechnicianReplacement(replaced, newcomer));
    }

    // TH Art. 8.3: a replacement is reported to DIC, which plans the newcomer's training.
    static async Task TellDicAsync(RegistryData data, Technician replaced, Technician newcomer, INoticeSender notices, TimeProvider time, CancellationToken cancellationToken)
    {
        var view = new RegistryView(data);
        string site = view.Site(newcomer.SiteId)?.Name ?? newcomer.SiteId;
        string subject = $"[HNTT] Thay kỹ thuật viên điểm cầu {site}: cần bồi dưỡng nghiệp vụ";
        string action = $"Lập kế hoạch bồi dưỡng cho {newcomer.Name} ({newcomer.Title}), thay {replaced.Name} (TH Điều 8.3)";
        string day = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        await notices.SendAsync([.. view.Dic.Select(u => new Notice($"registry-{day}", NoticeKind.TechnicianReplaced, u.Name, u.Email, u.Phone, newcomer.SiteId, subject, action)
        {
            Lines = [$"Điểm cầu: {site}", $"Người thôi: {replaced.Name} — {replaced.Phone} — {replaced.Email}", $"Người thay: {newcomer.Name} — {newcomer.Phone} — {newcomer.Email}"],
            LinkPath = $"/registry?site={Uri.EscapeDataString(newcomer.SiteId)}",
        })], cancellationToken);
    }

    static List<ValidationError> Validate(TechnicianInput t, RegistryData data)
    {
        var errors = new List<ValidationError>();
        void Require(string field, string? value, int max, string label)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > max)
            {
                errors.Add(new(field, "required", $"{label}: 1–{max} ký tự."));
            }
        }

        Require("id", t.Id, 64, "Mã");
        Require("name", t.Name, 200, "Họ tên");
        Require("title", t.Title, 200, "Chức vụ");
        if (!data.Sites.Any(s => s.Id == t.SiteId))
        {
            errors.Add(new("siteId", "unknown", $"Không có điểm cầu '{t.SiteId}'."));
        }

        if (!data.Units.Any(u => u.Id == t.UnitId))
        {
            errors.Add(new("unitId", "unknown", $"Không có đơn vị '{t.UnitId}'."));
        }

        if (!PhonePattern().IsMatch(t.Phone ?? string.Empty))
        {
            errors.Add(new("phone", "format", "Số điện thoại 9–15 chữ số (có thể có +, dấu cách, dấu chấm)."));
        }

        if (!MailAddress.TryCreate(t.Email, out MailAddress? mail) || mail.Address != t.Email)
        {
            errors.Add(new("email", "format", "Địa chỉ e-mail không hợp lệ."));
        }

        if (!Enum.IsDefined(t.Affiliation))
        {
            errors.Add(new("affiliation", "oneOf", $"'affiliation' là một trong: {string.Join(", ", Enum.GetNames<TechnicianAffiliation>())}."));
        }

        return errors;
    }

    // Query values are names ("District"), never numbers: a number would silently mean whatever the enum's order says.
    static bool Named<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            value = Enum.Parse<T>(name);
            return true;
        }

        return false;
    }

    static IResult OneOf<T>(string field) where T : struct, Enum =>
        Problems.Invalid(field, "oneOf", $"'{field}' là một trong: {string.Join(", ", Enum.GetNames<T>())}.");

    static Technician ToTechnician(TechnicianInput t) => new(t.Id.Trim(), t.SiteId, t.Name.Trim(), t.UnitId, t.Title.Trim(), t.Phone.Trim(), t.Email, t.Affiliation);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9][0-9 .]{7,18}[0-9]$")]
    private static partial System.Text.RegularExpressions.Regex PhonePattern();
}
