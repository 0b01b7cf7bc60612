namespace Hntt.App.Api.Security;

/// <summary>
/// Who may do what (TH Art. 3, SL I.5: access rights per operator). Roles come in the token's <c>roles</c>
/// claim (Microsoft Entra ID app roles use the same name); the units and sites a role is scoped to come in
/// <c>units</c> and <c>sites</c>.
/// </summary>
public static class Roles
{
    /// <summary>Requests, cancels and moves meetings for the units in <c>units</c>.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>The Department of Information and Communications: runs the network and keeps the registry (TH Art. 8.3).</summary>
    public const string Dic = "dic";

    /// <summary>The provincial People's Committee Office: coordinates every meeting of the province.</summary>
    public const string PpcOffice = "ppc";

    /// <summary>Operates the rooms in <c>sites</c>: tests, readiness, the floor, incidents.</summary>
    public const string Technician = "technician";

    /// <summary>Answers for every meeting and the runtime behind it.</summary>
    public const string Ops = "ops";

    /// <summary>Everything, including the registry.</summary>
    public const string Admin = "admin";

    /// <summary>Reads everything, changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Coordinator, Dic, PpcOffice, Technician, Ops, Admin, Auditor];

    /// <summary>The claim holding the roles.</summary>
    public const string RoleClaim = "roles";

    /// <summary>The claim holding the units a coordinator acts for.</summary>
    public const string UnitClaim = "units";

    /// <summary>The claim holding the sites a technician operates.</summary>
    public const string SiteClaim = "sites";
}

/// <summary>The authorization policies, one per kind of access; each endpoint names one.</summary>
public static class Access
{
    /// <summary>Lists and reads meetings (scoped further by unit or site).</summary>
    public const string ReadMeetings = nameof(ReadMeetings);

    /// <summary>Submits, cancels and moves meetings.</summary>
    public const string ManageMeetings = nameof(ManageMeetings);

    /// <summary>Posts a site's reports: tests, readiness, floor, incidents, evaluation.</summary>
    public const string SiteWork = nameof(SiteWork);

    /// <summary>Reads the chair's boards.</summary>
    public const string ReadChair = nameof(ReadChair);

    /// <summary>Drives the chair: the floor and the chair's screen.</summary>
    public const string ChairControl = nameof(ChairControl);

    /// <summary>Reads the registry.</summary>
    public const string ReadRegistry = nameof(ReadRegistry);

    /// <summary>Changes the registry.</summary>
    public const string ManageRegistry = nameof(ManageRegistry);

    /// <summary>Reads orchestration instances, histories and dead letters.</summary>
    public const string ReadRuntime = nameof(ReadRuntime);

    /// <summary>Controls orchestration instances.</summary>
    public const string ManageRuntime = nameof(ManageRuntime);

    /// <summary>Reads the audit log.</summary>
    public const string ReadAudit = nameof(ReadAudit);

    /// <summary>Reads inspections and findings (a technician, of their own rooms).</summary>
    public const string ReadInspections = nameof(ReadInspections);

    /// <summary>Plans inspections, records and closes findings (TH Art. 6.4: DIC).</summary>
    public const string ManageInspections = nameof(ManageInspections);

    /// <summary>Reads the monthly and yearly reports (TH Art. 8.8, 12.2).</summary>
    public const string ReadReports = nameof(ReadReports);

    /// <summary>The roles each policy admits; the endpoint then checks the unit or site scope.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesFor { get; } = new Dictionary<string, string[]>
    {
        [ReadMeetings] = [.. Roles.All],
        [ManageMeetings] = [Roles.Coordinator, Roles.PpcOffice, Roles.Admin],
        [SiteWork] = [Roles.Technician, Roles.Ops, Roles.Admin],
        [ReadChair] = [.. Roles.All],
        [ChairControl] = [Roles.Technician, Roles.Ops, Roles.Admin],
        [ReadRegistry] = [.. Roles.All],
        [ManageRegistry] = [Roles.Dic, Roles.Admin],
        [ReadRuntime] = [Roles.Ops, Roles.Admin, Roles.Auditor],
        [ManageRuntime] = [Roles.Ops, Roles.Admin],
        [ReadAudit] = [Roles.Ops, Roles.Admin, Roles.Auditor],
        [ReadInspections] = [Roles.Dic, Roles.PpcOffice, Roles.Ops, Roles.Admin, Roles.Auditor, Roles.Technician],
        [ManageInspections] = [Roles.Dic, Roles.Admin],
        [ReadReports] = [Roles.Dic, Roles.PpcOffice, Roles.Ops, Roles.Admin, Roles.Auditor],
    };
}
