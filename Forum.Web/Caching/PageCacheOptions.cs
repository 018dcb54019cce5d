namespace Forum.Web.Caching;

/// <summary><c>Forum:OutputCache</c>: the output cache of public pages for anonymous readers.</summary>
public sealed class PageCacheOptions
{
    public const string Section = "Forum:OutputCache";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest a page is kept even without a change: pages show times relative to now (deadlines running,
    /// overdue lists), which move on without any write.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(30);
}
