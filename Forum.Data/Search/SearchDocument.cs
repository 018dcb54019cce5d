using Forum.Core.Complaints;
using Forum.Core.Search;

namespace Forum.Data.Search;

/// <summary>
/// What the public can read of one thread, as search terms: the title, the opening post, visible replies, official
/// replies and solutions, and the closing summary of a closed thread. Internal notes, hidden posts and hidden
/// (merged) threads are never part of it. The text is masked first, exactly as the public pages show it, so a
/// search for a phone number cannot confirm that a thread contains one.
/// </summary>
internal sealed record SearchDocument(long ThreadId, IReadOnlyList<string> TitleTerms, IReadOnlyList<string> BodyTerms)
{
    /// <summary>The post kinds whose text the public reads.</summary>
    internal const string PublicKinds = "('HomeownerReply', 'OfficialReply', 'Solution')";

    public static SearchDocument Build(long threadId, string title, string body, string? closingSummary, IEnumerable<string> posts)
    {
        var titleTerms = SearchTokenizer.IndexTerms(PersonalDataMasker.Mask(title));
        titleTerms.Add(SearchTokenizer.ThreadNumberTerm(threadId));
        var bodyTerms = SearchTokenizer.IndexTerms(PersonalDataMasker.Mask(body));
        foreach (var text in posts.Append(closingSummary ?? ""))
        {
            bodyTerms.AddRange(SearchTokenizer.IndexTerms(PersonalDataMasker.Mask(text)));
        }

        return new SearchDocument(threadId, titleTerms, bodyTerms);
    }
}
