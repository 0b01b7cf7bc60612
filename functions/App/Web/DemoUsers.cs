using Hntt.App.Api.Security;

namespace Hntt.App.Web;

/// <summary>A user to sign in as with a development token (local runs only).</summary>
public sealed record DemoUser(string Key, string Name, string Role, IReadOnlyList<string> Scope);

/// <summary>The demo users of the Thanh Hóa registry, one per kind of work.</summary>
public static class DemoUsers
{
    /// <summary>Every demo user.</summary>
    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("coordinator", "Điều phối viên — Văn phòng UBND tỉnh", Roles.Coordinator, ["th-ubnd"]),
        new("coordinator-syt", "Điều phối viên — Sở Y tế", Roles.Coordinator, ["th-syt"]),
        new("ppc", "Văn phòng UBND tỉnh (toàn tỉnh)", Roles.PpcOffice, []),
        new("dic", "Sở Thông tin và Truyền thông", Roles.Dic, []),
        new("technician", "Kỹ thuật viên — điểm cầu huyện Nga Sơn", Roles.Technician, ["th-d-nga-son"]),
        new("chair", "Kỹ thuật viên — phòng họp UBND tỉnh (chủ tọa)", Roles.Technician, ["th-p-ubnd"]),
        new("ops", "Trực vận hành (ops)", Roles.Ops, []),
        new("admin", "Quản trị hệ thống", Roles.Admin, []),
        new("auditor", "Thanh tra, kiểm tra", Roles.Auditor, []),
    ];
}
