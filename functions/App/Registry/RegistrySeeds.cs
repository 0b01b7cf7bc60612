using System.Text.Json;
using System.Text.Json.Serialization;
using Hntt.Domain.Registry;

namespace Hntt.App.Registry;

/// <summary>The versioned seed files (Registry/Seeds/*.json, embedded) and the generated national data set.</summary>
public static class RegistrySeeds
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Thanh Hóa: three chair rooms, 27 districts and Nghi Sơn economic zone, the DIC master MCU.</summary>
    public static RegistryData ThanhHoa() => Load("thanh-hoa.v2.json");

    /// <summary>Sơn La: PPC Office master, VNPT and Viettel slaves, 12 districts, 187 communes.</summary>
    public static RegistryData SonLa() => Load("son-la.v2.json");

    /// <summary>The preset named by the <c>Registry:Preset</c> setting.</summary>
    public static RegistryData Preset(string name) => name switch
    {
        "ThanhHoa" => ThanhHoa(),
        "SonLa" => SonLa(),
        "National" => National(10_000),
        _ => throw new ArgumentException($"Unknown registry preset '{name}': use ThanhHoa, SonLa or National.", nameof(name)),
    };

    /// <summary>A generated national network for scale tests: the Government room, provinces, districts and communes, <paramref name="sites"/> rooms in all.</summary>
    public static RegistryData National(int sites)
    {
        var units = new List<Unit> { new("gov", "Văn phòng Chính phủ", UnitKind.Government, "hntt@chinhphu.example.gov.vn") };
        var rooms = new List<Site> { new("gov-room", "Điểm cầu Chính phủ", SiteLevel.Government, "gov", "gov-mcu", ChairFor: [UnitKind.Government]) };
        var mcus = new List<Mcu> { new("gov-mcu", "MCU Chính phủ", McuOwner.Government, null, "https://relay.example.gov.vn/gov") };
        var technicians = new List<Technician>
        {
            new("gov-room-t1", "gov-room", "Kỹ thuật viên Chính phủ 1", "gov", "Cán bộ kỹ thuật", "0900000101", "t1.gov@example.gov.vn", TechnicianAffiliation.Other),
            new("gov-room-t2", "gov-room", "Kỹ thuật viên Chính phủ 2", "gov", "Cán bộ kỹ thuật", "0900000102", "t2.gov@example.gov.vn", TechnicianAffiliation.Other),
        };
        for (int i = 0; rooms.Count < sites; i++)
        {
            int province = i / 200;
            string provinceMcu = $"mcu-p{province:D2}";
            if (i % 200 == 0)
            {
                mcus.Add(new Mcu(provinceMcu, $"MCU tỉnh {province:D2}", McuOwner.PpcOffice, "gov-mcu", $"https://relay.example.gov.vn/p{province:D2}"));
            }

            var level = i % 200 == 0 ? SiteLevel.Province : i % 20 == 0 ? SiteLevel.District : SiteLevel.Commune;
            string id = $"n-{i:D5}";
            units.Add(new Unit($"u-{id}", $"Đơn vị {id}", level == SiteLevel.Commune ? UnitKind.Commune : UnitKind.District, $"{id}@example.gov.vn"));
            rooms.Add(new Site(id, $"Điểm cầu {id}", level, $"u-{id}", provinceMcu));
            technicians.Add(new Technician($"{id}-t1", id, "Kỹ thuật viên 1", $"u-{id}", "Cán bộ kỹ thuật", "0900000001", $"t1.{id}@example.gov.vn",
                level == SiteLevel.District ? TechnicianAffiliation.PartyCommittee : TechnicianAffiliation.Other));
            technicians.Add(new Technician($"{id}-t2", id, "Kỹ thuật viên 2", $"u-{id}", "Cán bộ kỹ thuật", "0900000002", $"t2.{id}@example.gov.vn",
                level == SiteLevel.District ? TechnicianAffiliation.PeoplesCommittee : TechnicianAffiliation.Other));
        }

        return new RegistryData("National", 1, units, rooms, mcus, technicians, []);
    }

    static RegistryData Load(string file)
    {
        using Stream stream = typeof(RegistrySeeds).Assembly.GetManifestResourceStream("seeds/" + file)
            ?? throw new FileNotFoundException($"Seed file {file} is not embedded.");
        return JsonSerializer.Deserialize<RegistryData>(stream, Json) ?? throw new InvalidDataException($"Seed file {file} is empty.");
    }
}
