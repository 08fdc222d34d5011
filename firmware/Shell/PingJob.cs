namespace NanoTcp.Firmware
{
    /// <summary>
    /// One session's ping run: target, counts, send times and the replies waiting to be printed. Replies arrive
    /// from <see cref="NetworkStack.Poll"/> (through <see cref="PingClient"/>) at any time and are queued here
    /// until the session has room to print them. Sequence numbers of consecutive runs never overlap, so a late
    /// reply to an earlier run is not mistaken for one of this run.
    /// </summary>
    public sealed class PingJob
    {
        /// <summary>Echo request payload size (the classic 56 data bytes).</summary>
        public const int PayloadLength = 56;

        /// <summary>Interval between requests and wait for the last reply (ms).</summary>
        public const int IntervalMs = 1000;

        /// <summary>Most requests in one run.</summary>
        public const int MaxCount = 1000;

        private const int Window = 8; // send times kept; replies later than 8 intervals are counted without an RTT
        private const int RunSpacing = 2048;

        private readonly long[] _sentAt = new long[Window];
        private readonly int[] _replySequence = new int[Window];
        private readonly int[] _replyLength = new int[Window];
        private readonly long[] _replyRtt = new long[Window];
        private readonly BitSet _answered = new BitSet(MaxCount + 1);
        private int _replyHead;
        private int _replyCount;
        private int _runBase;

        /// <summary>Creates the job of session <paramref name="sessionIndex"/>; its ICMP identifier is derived from it.</summary>
        public PingJob(int sessionIndex)
        {
            Identifier = 0x4E00 | (sessionIndex & 0xFF);
        }

        /// <summary>ICMP identifier of this job's requests.</summary>
        public int Identifier { get; }

        /// <summary>True between <see cref="Begin"/> and <see cref="End"/>.</summary>
        public bool Active { get; private set; }

        /// <summary>Address being pinged.</summary>
        public uint Target { get; private set; }

        /// <summary>Requests to send.</summary>
        public int Count { get; private set; }

        /// <summary>Requests sent so far.</summary>
        public int Sent { get; private set; }

        /// <summary>Distinct replies received.</summary>
        public int Received { get; private set; }

        /// <summary>When the next request is due.</summary>
        public long NextSendAtMs { get; private set; }

        /// <summary>When the last request was sent.</summary>
        public long LastSentAtMs { get; private set; }

        /// <summary>Smallest round-trip time (ms).</summary>
        public long MinRttMs { get; private set; }

        /// <summary>Largest round-trip time (ms).</summary>
        public long MaxRttMs { get; private set; }

        /// <summary>Sum of the round-trip times measured (ms).</summary>
        public long SumRttMs { get; private set; }

        /// <summary>Replies with a measured round-trip time.</summary>
        public int Timed { get; private set; }

        /// <summary>Replies waiting to be printed.</summary>
        public int PendingReplies => _replyCount;

        /// <summary>Starts a run of <paramref name="count"/> requests to <paramref name="target"/>, the first one now.</summary>
        public void Begin(uint target, int count, long nowMs)
        {
            _runBase = (_runBase + RunSpacing) & 0xFFFF;
            Target = target;
            Count = count < MaxCount ? count : MaxCount;
            Sent = 0;
            Received = 0;
            Timed = 0;
            MinRttMs = long.MaxValue;
            MaxRttMs = 0;
            SumRttMs = 0;
            _replyHead = 0;
            _replyCount = 0;
            _answered.Clear();
            NextSendAtMs = nowMs;
            Active = true;
        }

        /// <summary>Ends the run; later replies are ignored.</summary>
        public void End()
        {
            Active = false;
        }

        /// <summary>Sequence number of the next request (1-based within the run, offset by the run's base).</summary>
        public int NextSequence => (_runBase + Sent + 1) & 0xFFFF;

        /// <summary>Records that the next request was handed to the stack at <paramref name="nowMs"/>.</summary>
        public void RecordSent(long nowMs)
        {
            Sent++;
            _sentAt[Sent % Window] = nowMs;
            LastSentAtMs = nowMs;
            NextSendAtMs = nowMs + IntervalMs;
        }

        /// <summary>True when every request was sent and either all were answered or the last one timed out.</summary>
        public bool IsComplete(long nowMs)
        {
            if (Sent < Count) return false;
            return Received >= Sent || nowMs >= LastSentAtMs + IntervalMs;
        }

        /// <summary>Takes an echo reply for this job; ignores replies from other hosts, other runs and duplicates.</summary>
        public void OnReply(uint fromIp, int sequence, int length, long nowMs)
        {
            if (!Active || fromIp != Target) return;
            int index = (sequence - _runBase) & 0xFFFF;
            if (index < 1 || index > Sent || _answered.Get(index)) return;
            _answered.Set(index);
            Received++;
            long rtt = -1;
            if (Sent - index < Window)
            {
                rtt = nowMs - _sentAt[index % Window];
                Timed++;
                SumRttMs += rtt;
                if (rtt < MinRttMs) MinRttMs = rtt;
                if (rtt > MaxRttMs) MaxRttMs = rtt;
            }
            if (_replyCount == Window) return; // printing is behind: the reply still counts in the summary
            int slot = (_replyHead + _replyCount) % Window;
            _replySequence[slot] = index;
            _replyLength[slot] = length;
            _replyRtt[slot] = rtt;
            _replyCount++;
        }

        /// <summary>Removes the oldest queued reply: its in-run sequence number, payload length and RTT (-1 = unknown).</summary>
        public bool TakeReply(out int sequence, out int length, out long rttMs)
        {
            if (_replyCount == 0)
            {
                sequence = 0;
                length = 0;
                rttMs = 0;
                return false;
            }
            sequence = _replySequence[_replyHead];
            length = _replyLength[_replyHead];
            rttMs = _replyRtt[_replyHead];
            _replyHead = (_replyHead + 1) % Window;
            _replyCount--;
            return true;
        }
    }
}
