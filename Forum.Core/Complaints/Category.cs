using Forum.Core.Companies;

namespace Forum.Core.Complaints;

/// <summary>What a complaint is about. Seeded (engineering quality, property management, …); admins may add more.</summary>
public sealed record Category(long Id, string Code, string Name, string NameEn)
{
    public LocalizedName DisplayName => new(Name, NameEn);
}
