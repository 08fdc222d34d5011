namespace NanoTcp.Dns
{
    /// <summary>
    /// Domain names on the wire (RFC 1035 §3.1, §4.1.4): labels of 1..63 bytes ending in a zero byte, or a
    /// compression pointer (two bytes, top bits 11) to an earlier name in the same message. Every walk here is
    /// bounded: a pointer must point before itself (so no loop is possible), labels must end inside the message,
    /// and a name is at most 255 bytes. Comparisons are ASCII case-insensitive (RFC 4343).
    /// </summary>
    internal static class DnsName
    {
        public const int MaxLength = 255;
        public const int MaxLabel = 63;
        private const int MaxHops = 32;

        /// <summary>Offset just after the name at <paramref name="o"/> (pointers not followed), or -1 if malformed.</summary>
        public static int Skip(byte[] b, int message, int o, int end)
        {
            if (Walk(b, message, o, end, null, 0, 0, false) < 0) return -1;
            int i = o;
            while (i < end)
            {
                int len = b[i];
                if (len == 0) return i + 1;
                if ((len & 0xC0) == 0xC0) return i + 2 <= end ? i + 2 : -1;
                i += 1 + len;
            }
            return -1;
        }

        /// <summary>True when the wire name at <paramref name="o"/> is well formed (bounded, pointers backwards).</summary>
        public static bool IsValid(byte[] b, int message, int o, int end)
        {
            return Walk(b, message, o, end, null, 0, 0, false) >= 0;
        }

        /// <summary>Compares the wire name at <paramref name="o"/> with dotted ASCII <paramref name="name"/>[<paramref name="offset"/>, +<paramref name="count"/>).</summary>
        public static bool EqualsAscii(byte[] b, int message, int o, int end, byte[] name, int offset, int count)
        {
            return Walk(b, message, o, end, name, offset, count, true) == 1;
        }

        /// <summary>Compares two wire names of one message.</summary>
        public static bool Equal(byte[] b, int message, int o1, int o2, int end)
        {
            int hops1 = 0, hops2 = 0, total = 0;
            while (true)
            {
                o1 = Follow(b, message, o1, end, ref hops1);
                o2 = Follow(b, message, o2, end, ref hops2);
                if (o1 < 0 || o2 < 0) return false;
                int l1 = b[o1], l2 = b[o2];
                if (l1 != l2 || l1 > MaxLabel || o1 + 1 + l1 > end || o2 + 1 + l2 > end) return false;
                if (l1 == 0) return true;
                total += l1 + 1;
                if (total > MaxLength) return false;
                for (int i = 1; i <= l1; i++)
                {
                    if (Lower(b[o1 + i]) != Lower(b[o2 + i])) return false;
                }
                o1 += 1 + l1;
                o2 += 1 + l2;
            }
        }

        // Follows pointers at o until a label; -1 when a pointer is out of range, not backwards, or too many.
        private static int Follow(byte[] b, int message, int o, int end, ref int hops)
        {
            while (true)
            {
                if (o >= end) return -1;
                int len = b[o];
                if ((len & 0xC0) == 0) return o;
                if ((len & 0xC0) != 0xC0 || o + 2 > end || ++hops > MaxHops) return -1;
                int target = message + (((len & 0x3F) << 8) | b[o + 1]);
                if (target >= o) return -1; // forward or self pointer: a loop or garbage (RFC 1035 §4.1.4 "prior occurrence")
                o = target;
            }
        }

        // Walks the name; with compare, matches it against dotted ASCII. Returns 1 equal, 0 different, -1 malformed.
        private static int Walk(byte[] b, int message, int o, int end, byte[] name, int offset, int count, bool compare)
        {
            int hops = 0, total = 0, pos = offset, last = offset + count;
            if (compare && count > 0 && name[last - 1] == '.') last--; // a trailing dot names the root
            bool equal = compare;
            while (true)
            {
                o = Follow(b, message, o, end, ref hops);
                if (o < 0) return -1;
                int len = b[o];
                if (len > MaxLabel || o + 1 + len > end) return -1;
                total += len + 1;
                if (total > MaxLength) return -1;
                if (len == 0) return equal && pos >= last ? 1 : 0;
                if (equal)
                {
                    int labelEnd = pos;
                    while (labelEnd < last && name[labelEnd] != '.') labelEnd++;
                    if (pos >= last || labelEnd - pos != len) equal = false;
                    for (int i = 0; i < len && equal; i++)
                    {
                        if (Lower(b[o + 1 + i]) != Lower(name[pos + i])) equal = false;
                    }
                    pos = labelEnd + 1;
                }
                o += 1 + len;
            }
        }

        /// <summary>
        /// Encodes dotted ASCII as uncompressed labels at <paramref name="o"/>; returns the offset after it, or -1
        /// when a label is empty or longer than 63, the name longer than 255, or it does not fit.
        /// </summary>
        public static int Write(byte[] b, int o, int limit, byte[] name, int offset, int count)
        {
            int last = offset + count;
            if (count > 0 && name[last - 1] == '.') last--;
            if (last - offset + 2 > MaxLength || o + (last - offset) + 2 > limit) return -1;
            int start = offset;
            while (start < last)
            {
                int dot = start;
                while (dot < last && name[dot] != '.') dot++;
                int len = dot - start;
                if (len < 1 || len > MaxLabel) return -1;
                b[o++] = (byte)len;
                System.Array.Copy(name, start, b, o, len);
                o += len;
                start = dot + 1;
                if (dot == last - 1) return -1; // "a." inside: empty last label
            }
            b[o++] = 0;
            return o;
        }

        /// <summary>
        /// True for a usable host name: labels of letters, digits and hyphens (RFC 1123 §2.1), 1..63 each, the last
        /// one not all digits (so a mistyped address such as "192.0.2" is not sent to DNS).
        /// </summary>
        public static bool IsHostName(byte[] name, int offset, int count)
        {
            if (count < 1 || count > 253) return false;
            int label = 0;
            bool letters = false;
            for (int i = 0; i < count; i++)
            {
                int c = name[offset + i];
                if (c == '.')
                {
                    if (label == 0 && i != count - 1) return false;
                    if (i != count - 1) letters = false;
                    label = 0;
                    continue;
                }
                bool digit = c >= '0' && c <= '9';
                bool ok = digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
                if (!ok || ++label > MaxLabel) return false;
                if (!digit) letters = true;
            }
            return letters;
        }

        private static int Lower(int c)
        {
            return c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
    }
}
