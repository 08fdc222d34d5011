namespace NanoTcp.Tcp
{
    /// <summary>
    /// Reno congestion control (RFC 5681) with NewReno's recovery point (RFC 6582): slow start, congestion
    /// avoidance, fast retransmit after three duplicate ACKs, fast recovery, and the loss window after a timeout.
    /// Windows are in bytes.
    /// </summary>
    internal sealed class CongestionControl
    {
        /// <summary>Duplicate ACKs that trigger fast retransmit (RFC 5681 §3.2).</summary>
        public const int DuplicateAckThreshold = 3;
        private const int MaxWindow = 1 << 20;

        public int Cwnd;
        public int Ssthresh;
        public int DuplicateAcks;
        public bool InRecovery;
        /// <summary>SND.MAX when recovery started: leaving recovery needs an ACK beyond it (RFC 6582 §3.2).</summary>
        public uint Recover;

        /// <summary>Initial window (RFC 5681 §3.1, RFC 3390): min(4·MSS, max(2·MSS, 4380)).</summary>
        public void Reset(int mss, uint iss)
        {
            int iw = 2 * mss > 4380 ? 2 * mss : 4380;
            Cwnd = 4 * mss < iw ? 4 * mss : iw;
            Ssthresh = 65535;
            DuplicateAcks = 0;
            InRecovery = false;
            Recover = iss;
        }

        /// <summary>New data acknowledged outside recovery: slow start or congestion avoidance (RFC 5681 §3.1, RFC 3465).</summary>
        public void OnAck(int acked, int mss)
        {
            DuplicateAcks = 0;
            // Slow start counts bytes acknowledged, up to 2·MSS per ACK (RFC 3465 appropriate byte counting, L = 2).
            if (Cwnd < Ssthresh) Cwnd += acked < 2 * mss ? acked : 2 * mss;
            else Cwnd += mss * mss / Cwnd > 0 ? mss * mss / Cwnd : 1;
            if (Cwnd > MaxWindow) Cwnd = MaxWindow;
        }

        /// <summary>
        /// The window output may use: cwnd, plus one segment for each of the first two duplicate ACKs outside
        /// recovery (limited transmit, RFC 3042), so a small window still produces the third duplicate ACK.
        /// </summary>
        public int SendingWindow(int mss)
        {
            if (InRecovery || DuplicateAcks == 0 || DuplicateAcks >= DuplicateAckThreshold) return Cwnd;
            return Cwnd + DuplicateAcks * mss;
        }

        /// <summary>Enters fast recovery (RFC 5681 §3.2 steps 2–3).</summary>
        public void EnterRecovery(int flight, int mss, uint sndMax)
        {
            Ssthresh = HalfFlight(flight, mss);
            Cwnd = Ssthresh + DuplicateAckThreshold * mss;
            InRecovery = true;
            Recover = sndMax;
        }

        /// <summary>Partial ACK during recovery (RFC 6582 §3.2 step 3): deflate by the amount acknowledged.</summary>
        public void OnPartialAck(int acked, int mss)
        {
            Cwnd -= acked;
            Cwnd += mss;
            if (Cwnd < mss) Cwnd = mss;
        }

        /// <summary>Full ACK: leave recovery with cwnd = ssthresh (RFC 5681 §3.2 step 6).</summary>
        public void ExitRecovery()
        {
            Cwnd = Ssthresh;
            InRecovery = false;
            DuplicateAcks = 0;
        }

        /// <summary>Retransmission timeout: ssthresh = max(flight/2, 2·MSS), cwnd = 1 MSS (RFC 5681 §3.1 eq. 4).</summary>
        public void OnTimeout(int flight, int mss, uint sndMax)
        {
            Ssthresh = HalfFlight(flight, mss);
            Cwnd = mss;
            InRecovery = false;
            DuplicateAcks = 0;
            Recover = sndMax;
        }

        private static int HalfFlight(int flight, int mss)
        {
            return flight / 2 > 2 * mss ? flight / 2 : 2 * mss;
        }
    }
}
