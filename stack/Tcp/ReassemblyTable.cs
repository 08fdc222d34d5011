namespace NanoTcp.Tcp
{
    /// <summary>
    /// Bounded list of out-of-order sequence ranges held in the receive buffer beyond RCV.NXT
    /// (RFC 9293 §3.10.7.4 seventh step allows keeping them; RFC 5681 §4.2 wants the ACKs). The bytes live in
    /// the receive ring; this table only remembers which ranges are filled, so memory stays fixed.
    /// </summary>
    internal sealed class ReassemblyTable
    {
        private readonly uint[] _start;
        private readonly uint[] _end;
        private int _count;

        public ReassemblyTable(int capacity)
        {
            _start = new uint[capacity];
            _end = new uint[capacity];
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
                if (SequenceNumber.Le(start, _end[i]) && SequenceNumber.Ge(end, _start[i]))
                {
                    if (SequenceNumber.Lt(start, _start[i])) _start[i] = start;
                    if (SequenceNumber.Gt(end, _end[i])) _end[i] = end;
                    MergeInto(i);
                    return true;
                }
            }
            if (_count == _start.Length) return false;
            _start[_count] = start;
            _end[_count] = end;
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
                if (SequenceNumber.Le(_start[i], next))
                {
                    end = _end[i];
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
                if (SequenceNumber.Le(_start[j], _end[i]) && SequenceNumber.Ge(_end[j], _start[i]))
                {
                    if (SequenceNumber.Lt(_start[j], _start[i])) _start[i] = _start[j];
                    if (SequenceNumber.Gt(_end[j], _end[i])) _end[i] = _end[j];
                    RemoveAt(j);
                    if (i == _count) i = j; // range i was the last one and moved into slot j
                    j = -1;
                }
            }
        }

        private void RemoveAt(int i)
        {
            _count--;
            _start[i] = _start[_count];
            _end[i] = _end[_count];
        }
    }
}
