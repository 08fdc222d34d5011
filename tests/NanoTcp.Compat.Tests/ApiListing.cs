using System.Collections.Generic;
using System.IO;

namespace NanoTcp.Compat.Tests
{
    /// <summary>
    /// A public-API listing in the format of the nanoFramework API lister (tool/ beside the listings named by
    /// NANOTCP_NF_API): one line per type ("namespace N; modifiers kind Name : bases"), its members indented by two
    /// spaces. Listings made from sources and from a compiled assembly are read into the same form.
    /// </summary>
    internal sealed class ApiListing
    {
        private readonly Dictionary<string, HashSet<string>> _members = new Dictionary<string, HashSet<string>>();

        /// <summary>Type lines in file order.</summary>
        public List<string> Types { get; } = new List<string>();

        /// <summary>Parses a listing file.</summary>
        public static ApiListing Load(string path)
        {
            var listing = new ApiListing();
            string current = null;
            foreach (string raw in File.ReadAllLines(path))
            {
                if (raw.Length == 0 || raw.StartsWith("#")) continue;
                string line = Normalize(raw);
                if (line.StartsWith("namespace "))
                {
                    current = line;
                    if (!listing._members.ContainsKey(line))
                    {
                        listing.Types.Add(line);
                        listing._members[line] = new HashSet<string>();
                    }
                }
                else if (current != null && line.StartsWith("  "))
                {
                    listing._members[current].Add(line.Trim());
                }
            }
            return listing;
        }

        /// <summary>Members listed under a type line (empty when the type is absent).</summary>
        public IReadOnlyCollection<string> MembersOf(string typeLine) =>
            _members.TryGetValue(typeLine, out var set) ? set : (IReadOnlyCollection<string>)new string[0];

        /// <summary>True when the listing has this exact type line.</summary>
        public bool HasType(string typeLine) => _members.ContainsKey(typeLine);

        /// <summary>True when the type has this exact member line.</summary>
        public bool HasMember(string typeLine, string memberLine) =>
            _members.TryGetValue(typeLine, out var set) && set.Contains(memberLine);

        /// <summary>
        /// Every line of this listing that <paramref name="real"/> lacks: a facade may have fewer members
        /// than the real package, never more, and never a type or member with another signature.
        /// </summary>
        public List<string> LinesMissingFrom(ApiListing real)
        {
            var missing = new List<string>();
            foreach (string type in Types)
            {
                if (!real.HasType(type))
                {
                    missing.Add(type);
                    continue;
                }
                foreach (string member in MembersOf(type))
                {
                    if (!real.HasMember(type, member)) missing.Add(type + "\n    " + member);
                }
            }
            return missing;
        }

        // "// implicit" only says the compiler wrote the constructor; the signature is what matters. A listing made
        // from sources writes a finalizer "~T()   // finalizer (…)", one made from metadata "protected override void
        // Finalize()": read both as the latter.
        private static string Normalize(string line)
        {
            if (line.Contains("   // finalizer")) return "  protected override void Finalize()";
            int marker = line.IndexOf("   // implicit");
            return (marker >= 0 ? line.Substring(0, marker) : line).TrimEnd();
        }
    }
}
