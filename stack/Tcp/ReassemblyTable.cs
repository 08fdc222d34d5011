namespace NanoTcp.Tcp
{
    /// <summary>
    /// Bounded list of out-of-order sequence ranges held in the receive buffer beyond RCV.NXT
    /// (RFC 9293 §3.10.7.4 seventh step allows keeping them; RFC 5681 §4.2 wants the ACKs). The bytes live in
    /// the receive ring; this table only remembers which ranges are filled, so memory stays fixed.
    /// </summary>
    internal sealed class ReassemblyTable
    {
        // Range i is [_r[2i], _r[2i+1]): one array instead of two saves an array header per slot on nanoCLR.
        private readonly uint[] _r;
        private int _count;

        public ReassemblyTable(int capacity)
        {
            _r = new uint[2 * capacity];
        }

        public int Count { get { return _count; } }

        public void Clear()
        {
            _count = 0;
        }

        /// <summary>
        /// Records [start, end). Overlapping or adjacent ranges are merged. Returns false when the range is new
        /// and the table is full (the caller drops the data; the peer retransmits it).
        /// </summary>
        public bool Add(uint start, uint end)
        {
            for (int i = 0; i < _count; i++)
            {
                if (SequenceNumber.Le(start, _r[2 * i + 1]) && SequenceNumber.Ge(end, _r[2 * i]))
                {
                    if (SequenceNumber.Lt(start, _r[2 * i])) _r[2 * i] = start;
                    if (SequenceNumber.Gt(end, _r[2 * i + 1])) _r[2 * i + 1] = end;
                    MergeInto(i);
                    return true;
                }
            }
            if (2 * _count == _r.Length) return false;
            _r[2 * _count] = start;
            _r[2 * _count + 1] = end;
            _count++;
            return true;
        }

        /// <summary>
        /// If a range begins at or before <paramref name="next"/> and reaches past it, removes it and returns its
        /// end through <paramref name="end"/>; ranges wholly before <paramref name="next"/> are discarded.
        /// </summary>
        public bool TakeContiguous(uint next, out uint end)
        {
            for (int i = 0; i < _count; i++)
            {
                if (SequenceNumber.Le(_r[2 * i], next))
                {
                    end = _r[2 * i + 1];
                    RemoveAt(i);
                    if (SequenceNumber.Gt(end, next)) return true;
                    i--;
                }
            }
            end = next;
            return false;
        }

        private void MergeInto(int i)
        {
            for (int j = 0; j < _count; j++)
            {
                if (j == i) continue;
                if (SequenceNumber.Le(_r[2 * j], _r[2 * i + 1]) && SequenceNumber.Ge(_r[2 * j + 1], _r[2 * i]))
                {
                    if (SequenceNumber.Lt(_r[2 * j], _r[2 * i])) _r[2 * i] = _r[2 * j];
                    if (SequenceNumber.Gt(_r[2 * j + 1], _r[2 * i + 1])) _r[2 * i + 1] = _r[2 * j + 1];
                    RemoveAt(j);
                    if (i == _count) i = j; // range i was the last one and moved into slot j
                    j = -1;
                }
            }
        }

        private void RemoveAt(int i)
        {
            _count--;
            _r[2 * i] = _r[2 * _count];
            _r[2 * i + 1] = _r[2 * _count + 1];
        }
    }
}
