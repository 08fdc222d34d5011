namespace NanoTcp.Tcp
{
    // Reno congestion control (RFC 5681) with NewReno's recovery point (RFC 6582): slow start, congestion
    // avoidance, fast retransmit after three duplicate ACKs, fast recovery, and the loss window after a timeout.
    // Windows are in bytes. The state is the connection's (cwnd, ssthresh and the recovery point in its int[],
    // the duplicate-ACK count in a byte of it, "in recovery" a flag).
    internal sealed partial class TcpConnection
    {
        /// <summary>Duplicate ACKs that trigger fast retransmit (RFC 5681 §3.2).</summary>
        private const int DuplicateAckThreshold = 3;
        private const int MaxCongestionWindow = 1 << 20;

        public int Cwnd { get { return _v[VCwnd]; } }

        /// <summary>SND.MAX when recovery started: leaving recovery needs an ACK beyond it (RFC 6582 §3.2).</summary>
        private uint Recover { get { return (uint)_v[VRecover]; } set { _v[VRecover] = (int)value; } }

        private bool InRecovery { get { return (_flags & FlagInRecovery) != 0; } }

        /// <summary>Consecutive duplicate ACKs (8 bits, saturating: only the first three and "more" matter).</summary>
        private int DuplicateAcks
        {
            get { return _v[VSmallCounters] & 0xFF; }
            set { _v[VSmallCounters] = (_v[VSmallCounters] & ~0xFF) | (value > 255 ? 255 : value); }
        }

        /// <summary>Initial window (RFC 5681 §3.1, RFC 3390): min(4·MSS, max(2·MSS, 4380)).</summary>
        private void ResetCongestion(int mss, uint iss)
        {
            int iw = 2 * mss > 4380 ? 2 * mss : 4380;
            _v[VCwnd] = 4 * mss < iw ? 4 * mss : iw;
            _v[VSsthresh] = 65535;
            DuplicateAcks = 0;
            _flags &= ~FlagInRecovery;
            Recover = iss;
        }

        /// <summary>New data acknowledged outside recovery: slow start or congestion avoidance (RFC 5681 §3.1, RFC 3465).</summary>
        private void CongestionOnAck(int acked, int mss)
        {
            _v[VSmallCounters] &= ~0xFF; // DuplicateAcks = 0, in place: every new ACK comes here
            int cwnd = _v[VCwnd];
            // Slow start counts bytes acknowledged, up to 2·MSS per ACK (RFC 3465 appropriate byte counting, L = 2).
            if (cwnd < _v[VSsthresh]) cwnd += acked < 2 * mss ? acked : 2 * mss;
            else cwnd += mss * mss / cwnd > 0 ? mss * mss / cwnd : 1;
            _v[VCwnd] = cwnd > MaxCongestionWindow ? MaxCongestionWindow : cwnd;
        }

        /// <summary>
        /// The window output may use: cwnd, plus one segment for each of the first two duplicate ACKs outside
        /// recovery (limited transmit, RFC 3042), so a small window still produces the third duplicate ACK.
        /// </summary>
        private int SendingWindow(int mss)
        {
            int duplicates = _v[VSmallCounters] & 0xFF;
            if (duplicates == 0 || duplicates >= DuplicateAckThreshold || (_flags & FlagInRecovery) != 0) return _v[VCwnd];
            return _v[VCwnd] + duplicates * mss;
        }

        /// <summary>Enters fast recovery (RFC 5681 §3.2 steps 2–3).</summary>
        private void EnterRecovery(int flight, int mss, uint sndMax)
        {
            int ssthresh = HalfFlight(flight, mss);
            _v[VSsthresh] = ssthresh;
            _v[VCwnd] = ssthresh + DuplicateAckThreshold * mss;
            _flags |= FlagInRecovery;
            Recover = sndMax;
        }

        /// <summary>A further duplicate ACK in recovery: inflate by one segment (RFC 5681 §3.2 step 4).</summary>
        private void InflateWindow(int mss)
        {
            _v[VCwnd] += mss;
        }

        /// <summary>Partial ACK during recovery (RFC 6582 §3.2 step 3): deflate by the amount acknowledged.</summary>
        private void OnPartialAck(int acked, int mss)
        {
            int cwnd = _v[VCwnd] - acked + mss;
            _v[VCwnd] = cwnd < mss ? mss : cwnd;
        }

        /// <summary>Full ACK: leave recovery with cwnd = ssthresh (RFC 5681 §3.2 step 6).</summary>
        private void ExitRecovery()
        {
            _v[VCwnd] = _v[VSsthresh];
            _flags &= ~FlagInRecovery;
            DuplicateAcks = 0;
        }

        /// <summary>Retransmission timeout: ssthresh = max(flight/2, 2·MSS), cwnd = 1 MSS (RFC 5681 §3.1 eq. 4).</summary>
        private void CongestionOnTimeout(int flight, int mss, uint sndMax)
        {
            _v[VSsthresh] = HalfFlight(flight, mss);
            _v[VCwnd] = mss;
            _flags &= ~FlagInRecovery;
            DuplicateAcks = 0;
            Recover = sndMax;
        }

        private static int HalfFlight(int flight, int mss)
        {
            return flight / 2 > 2 * mss ? flight / 2 : 2 * mss;
        }
    }
}
