namespace NanoTcp.Tcp
{
    /// <summary>
    /// Bounded list of out-of-order sequence ranges held in the receive buffer beyond RCV.NXT
    /// (RFC 9293 §3.10.7.4 seventh step allows keeping them; RFC 5681 §4.2 wants the ACKs). The bytes live in
    /// the receive ring; the table only remembers which ranges are filled, so memory stays fixed. It lives at the
    /// end of an int[] (the connection's state, so a slot spends no object or array header on it): at [at] the
    /// number of ranges, then range i as [at + 1 + 2i] (start) and [at + 2 + 2i] (end, exclusive), up to the end
    /// of the array.
    /// </summary>
    internal static class ReassemblyTable
    {
        /// <summary>The ints a table of <paramref name="capacity"/> ranges takes.</summary>
        public static int StateLength(int capacity)
        {
            return 1 + 2 * capacity;
        }

        /// <summary>The number of ranges held.</summary>
        public static int Count(int[] r, int at)
        {
            return r[at];
        }

        public static void Clear(int[] r, int at)
        {
            r[at] = 0;
        }

        /// <summary>
        /// Records [start, end). Overlapping or adjacent ranges are merged. Returns false when the range is new
        /// and the table is full (the caller drops the data; the peer retransmits it).
        /// </summary>
        public static bool Add(int[] r, int at, uint start, uint end)
        {
            int count = r[at];
            for (int i = at + 1; i < at + 1 + 2 * count; i += 2)
            {
                if (SequenceNumber.Le(start, (uint)r[i + 1]) && SequenceNumber.Ge(end, (uint)r[i]))
                {
                    if (SequenceNumber.Lt(start, (uint)r[i])) r[i] = (int)start;
                    if (SequenceNumber.Gt(end, (uint)r[i + 1])) r[i + 1] = (int)end;
                    MergeInto(r, at, i);
                    return true;
                }
            }
            int free = at + 1 + 2 * count;
            if (free == r.Length) return false;
            r[free] = (int)start;
            r[free + 1] = (int)end;
            r[at] = count + 1;
            return true;
        }

        /// <summary>
        /// If a range begins at or before <paramref name="next"/> and reaches past it, removes it and returns its
        /// end through <paramref name="end"/>; ranges wholly before <paramref name="next"/> are discarded.
        /// </summary>
        public static bool TakeContiguous(int[] r, int at, uint next, out uint end)
        {
            for (int i = at + 1; i < at + 1 + 2 * r[at]; i += 2)
            {
                if (SequenceNumber.Le((uint)r[i], next))
                {
                    end = (uint)r[i + 1];
                    RemoveAt(r, at, i);
                    if (SequenceNumber.Gt(end, next)) return true;
                    i -= 2;
                }
            }
            end = next;
            return false;
        }

        // Merges into range i (an index into r) every other range it now overlaps or touches.
        private static void MergeInto(int[] r, int at, int i)
        {
            for (int j = at + 1; j < at + 1 + 2 * r[at]; j += 2)
            {
                if (j == i) continue;
                if (SequenceNumber.Le((uint)r[j], (uint)r[i + 1]) && SequenceNumber.Ge((uint)r[j + 1], (uint)r[i]))
                {
                    if (SequenceNumber.Lt((uint)r[j], (uint)r[i])) r[i] = r[j];
                    if (SequenceNumber.Gt((uint)r[j + 1], (uint)r[i + 1])) r[i + 1] = r[j + 1];
                    RemoveAt(r, at, j);
                    if (i == at + 1 + 2 * r[at]) i = j; // range i was the last one and moved into slot j
                    j = at - 1;
                }
            }
        }

        // Moves the last range into range i's place.
        private static void RemoveAt(int[] r, int at, int i)
        {
            int last = at + 2 * r[at] - 1;
            r[at]--;
            r[i] = r[last];
            r[i + 1] = r[last + 1];
        }
    }
}
