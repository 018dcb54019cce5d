namespace Forum.Core.Companies;

/// <summary>Headquarters (exactly one) or a local company that owns projects.</summary>
public enum CompanyKind
{
    Headquarters,
    Local,
}

/// <summary>A company of the group. <see cref="Slug"/> is the stable public key used in URLs.</summary>
public sealed record Company(long Id, string Slug, CompanyKind Kind, string Name, string NameEn)
{
    public LocalizedName DisplayName => new(Name, NameEn);
}

/// <summary>A residential development (楼盘/小区). Every complaint is about one project, hence one local company.</summary>
public sealed record Project(long Id, long CompanyId, string Slug, string Name, string NameEn, string City)
{
    public LocalizedName DisplayName => new(Name, NameEn);
}
