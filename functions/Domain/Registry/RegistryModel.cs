namespace Hntt.Domain.Registry;

/// <summary>What kind of body a unit is: decides the chair room (TH Art. 4.1) and the technician on duty (TH Art. 8.2).</summary>
public enum UnitKind
{
    /// <summary>The provincial Party committee (Tỉnh ủy).</summary>
    PartyCommittee,
    /// <summary>A board of the Party committee (Ban của Tỉnh ủy).</summary>
    PartyBoard,
    /// <summary>The People's Council (HĐND).</summary>
    PeoplesCouncil,
    /// <summary>The People's Committee (UBND).</summary>
    PeoplesCommittee,
    /// <summary>A provincial department (sở, ngành).</summary>
    Department,
    /// <summary>The Fatherland Front (MTTQ).</summary>
    FatherlandFront,
    /// <summary>A mass organisation (đoàn thể).</summary>
    MassOrganisation,
    /// <summary>The Government (Chính phủ): national sessions.</summary>
    Government,
    /// <summary>A district, town or city under the province.</summary>
    District,
    /// <summary>A commune, ward or township.</summary>
    Commune,
    /// <summary>A line provider (VNPT, Viettel).</summary>
    Telecom,
    /// <summary>The power company (EVN).</summary>
    PowerCompany,
}

/// <summary>
/// A standing duty the regulations give one unit, found by this role rather than by the unit's name (departments are
/// renamed and merged; their duties move with them).
/// </summary>
public enum UnitDuty
{
    /// <summary>The Department of Information and Communications (Sở TT&amp;TT): told of every plan, emergency and incident, inspects, reports (TH Art. 6, 7.2, 7.4, 8.8, 11.2).</summary>
    Dic,
    /// <summary>The PPC Office (Văn phòng UBND tỉnh): receives the daily digest and incident reports, evaluates quality (SL II.1 steps 6–7).</summary>
    PpcOffice,
}

/// <summary>The administrative level of a site.</summary>
public enum SiteLevel
{
    /// <summary>The Government's rooms.</summary>
    Government,
    /// <summary>Provincial rooms (chair rooms among them).</summary>
    Province,
    /// <summary>District rooms.</summary>
    District,
    /// <summary>Commune rooms.</summary>
    Commune,
}

/// <summary>Which of a district's two technicians a technician is (TH Art. 8.2).</summary>
public enum TechnicianAffiliation
{
    /// <summary>From the district Party committee.</summary>
    PartyCommittee,
    /// <summary>From the district People's Committee.</summary>
    PeoplesCommittee,
    /// <summary>Any other unit (provincial rooms, communes).</summary>
    Other,
}

/// <summary>A body that hosts meetings, takes part, or must be told.</summary>
/// <param name="Id">Stable id (e.g. <c>th-ubnd</c>).</param>
/// <param name="Name">Official Vietnamese name.</param>
/// <param name="Kind">What kind of body it is.</param>
/// <param name="Email">Official mailbox.</param>
/// <param name="Phone">Switchboard.</param>
/// <param name="Fax">Fax, for emergency notices (TH Art. 7.4).</param>
/// <param name="ParentUnitId">The district a commune belongs to; null otherwise.</param>
/// <param name="Duty">The standing duty this unit holds, if any.</param>
public sealed record Unit(string Id, string Name, UnitKind Kind, string? Email = null, string? Phone = null, string? Fax = null, string? ParentUnitId = null,
    UnitDuty? Duty = null);

/// <summary>A meeting room equipped for video conferences (điểm cầu).</summary>
/// <param name="Id">Stable id (e.g. <c>th-d-nga-son</c>).</param>
/// <param name="Name">The room as people name it.</param>
/// <param name="Level">Its administrative level.</param>
/// <param name="UnitId">The unit it belongs to.</param>
/// <param name="McuId">The MCU it registers with.</param>
/// <param name="DistrictSiteId">For a commune, its district's site; null otherwise.</param>
/// <param name="ChairFor">For a chair room, the unit kinds whose meetings it chairs (TH Art. 4.1).</param>
public sealed record Site(string Id, string Name, SiteLevel Level, string UnitId, string McuId, string? DistrictSiteId = null, IReadOnlyList<UnitKind>? ChairFor = null);

/// <summary>Who owns an MCU.</summary>
public enum McuOwner
{
    /// <summary>The PPC Office.</summary>
    PpcOffice,
    /// <summary>The Department of Information and Communications.</summary>
    Dic,
    /// <summary>VNPT.</summary>
    Vnpt,
    /// <summary>Viettel.</summary>
    Viettel,
    /// <summary>The Government's network.</summary>
    Government,
}

/// <summary>A multipoint control unit; slaves are cascaded into their master (SL II.1 step 5).</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Owner">Who operates it.</param>
/// <param name="MasterMcuId">The MCU it cascades into; null for the master.</param>
/// <param name="RelayAddress">How the on-prem relay reaches it.</param>
public sealed record Mcu(string Id, string Name, McuOwner Owner, string? MasterMcuId, string RelayAddress);

/// <summary>A site's technician (TH Art. 8.3: name, unit, title, phone, e-mail; two per site).</summary>
public sealed record Technician(string Id, string SiteId, string Name, string UnitId, string Title, string Phone, string Email,
    TechnicianAffiliation Affiliation, bool Active = true)
{
    /// <summary>TH Art. 8.3: a newcomer whose training DIC has to plan.</summary>
    public bool TrainingRequired { get; init; }

    /// <summary>The technician this one replaced, if any.</summary>
    public string? Replaces { get; init; }
}

/// <summary>A person at a telecom or the power company to notify (TH Art. 7.3).</summary>
public sealed record Contact(string Id, string UnitId, string Name, string Phone, string Email);

/// <summary>A whole registry: what a seed file holds.</summary>
public sealed record RegistryData(
    string Province,
    int Version,
    IReadOnlyList<Unit> Units,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<Mcu> Mcus,
    IReadOnlyList<Technician> Technicians,
    IReadOnlyList<Contact> Contacts);
