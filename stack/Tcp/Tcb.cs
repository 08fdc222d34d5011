namespace NanoTcp.Tcp
{
    /// <summary>
    /// Transmission control block (RFC 9293 §3.3.1): one connection slot with its variables, buffers and
    /// timers. All of them are allocated once when the stack is built and reset when the slot is reused.
    /// </summary>
    internal sealed class Tcb
    {
        public const long Off = long.MaxValue;

        public readonly int Slot;
        public readonly ByteRing SendBuffer;
        public readonly ByteRing ReceiveBuffer;
        public readonly ReassemblyTable Reassembly;
        public readonly RetransmissionTimer Rto = new RetransmissionTimer();
        public readonly CongestionControl Congestion = new CongestionControl();
        public readonly byte[] NextHopMac = new byte[6];
        /// <summary>This connection's RFC 5961 §7 challenge-ACK budget (see ChallengeAck.cs for why it is per connection).</summary>
        public readonly ChallengeAck ChallengeBudget;

        // Slot bookkeeping.
        public bool InUse;
        public int Generation;
        public TcpState State;
        /// <summary>Listener index while the connection waits in a backlog (-1 once accepted or for active opens).</summary>
        public int Listener;
        /// <summary>Order of arrival in the backlog (Accept returns the oldest first).</summary>
        public long BacklogOrder;
        /// <summary>The application called Close: the slot is freed as soon as the connection reaches CLOSED.</summary>
        public bool UserClosed;
        /// <summary>The application owns a handle (Connect or Accept returned it).</summary>
        public bool UserOwned;
        public int LastError;
        public long TimeWaitSince;

        // Endpoints.
        public int LocalPort;
        public uint RemoteIp;
        public int RemotePort;
        public uint NextHopIp;
        public bool NextHopKnown;

        // Send sequence variables (RFC 9293 §3.3.1) plus SND.MAX, the highest sequence number sent.
        public uint Iss, SndUna, SndNxt, SndMax, SndWl1, SndWl2;
        public int SndWnd;
        public int MaxSndWnd;
        /// <summary>Sequence number of the first byte in <see cref="SendBuffer"/>.</summary>
        public uint SendBufferSeq;
        /// <summary>The application shut down sending: a FIN follows the queued data.</summary>
        public bool FinQueued;
        public int SendMss;

        // Receive sequence variables.
        public uint Irs, RcvNxt;
        /// <summary>RCV.NXT + RCV.WND as last advertised: the right edge never moves left (RFC 9293 §3.8.6).</summary>
        public uint RcvAdvertisedEdge;
        /// <summary>The peer's FIN has been consumed (end of stream after the buffered data).</summary>
        public bool FinReceived;
        public bool PendingFin;
        public uint PendingFinSeq;

        // Timers (absolute ms, Off when not armed).
        public long RtoDeadline;
        public int Retries;
        public bool RttTiming;
        public uint RttSeq;
        public long RttStartMs;
        public long PersistDeadline;
        public int PersistShift;
        public int PersistProbes;
        public long KeepAliveDeadline;
        public int KeepAliveProbes;
        public long DelayedAckDeadline;
        /// <summary>Sender SWS override timeout (RFC 9293 §3.8.6.2.1 (4)); when it fires, <see cref="SwsOverride"/> lets a short segment go.</summary>
        public long SwsDeadline;
        public bool SwsOverride;
        public int UnackedSegments;
        /// <summary>TIME-WAIT expiry, or the FIN-WAIT-2 timeout after the application closed.</summary>
        public long CloseDeadline;
        public bool AckNow;
        /// <summary>When we last answered an out-of-window segment without data (ACK-loop limiter), Off = never.</summary>
        public long LastOutOfWindowAckMs;
        public int Retransmissions;

        public Tcb(int slot, int sendBuffer, int receiveBuffer, int outOfOrderRanges, int challengeAcksPerSecond)
        {
            ChallengeBudget = new ChallengeAck(challengeAcksPerSecond);
            Slot = slot;
            SendBuffer = new ByteRing(sendBuffer);
            ReceiveBuffer = new ByteRing(receiveBuffer);
            Reassembly = new ReassemblyTable(outOfOrderRanges);
        }

        /// <summary>The handle the application sees: generation in bits 8..29, slot in bits 0..7.</summary>
        public int Handle { get { return (Generation << 8) | Slot; } }

        /// <summary>Sequence number our FIN occupies (meaningful once <see cref="FinQueued"/>).</summary>
        public uint FinSeq { get { return SendBufferSeq + (uint)SendBuffer.Count; } }

        /// <summary>Our FIN has been sent at least once.</summary>
        public bool FinSent { get { return FinQueued && SequenceNumber.Gt(SndMax, FinSeq); } }

        /// <summary>Our FIN has been acknowledged.</summary>
        public bool FinAcked { get { return FinQueued && SequenceNumber.Gt(SndUna, FinSeq); } }

        /// <summary>Bytes (and SYN/FIN) sent but not acknowledged.</summary>
        public int Flight { get { return SequenceNumber.Diff(SndNxt, SndUna); } }


        /// <summary>Clears every variable for a new connection in this slot (buffers keep their memory).</summary>
        public void Reset(int generation)
        {
            Generation = generation;
            State = TcpState.Closed;
            Listener = -1;
            BacklogOrder = 0;
            UserClosed = false;
            UserOwned = false;
            LastError = TcpError.None;
            TimeWaitSince = 0;
            LocalPort = RemotePort = 0;
            RemoteIp = NextHopIp = 0;
            NextHopKnown = false;
            Iss = SndUna = SndNxt = SndMax = SndWl1 = SndWl2 = SendBufferSeq = 0;
            SndWnd = MaxSndWnd = 0;
            FinQueued = false;
            SendMss = 536;
            Irs = RcvNxt = RcvAdvertisedEdge = 0;
            FinReceived = PendingFin = false;
            PendingFinSeq = 0;
            SendBuffer.Clear();
            ReceiveBuffer.Clear();
            Reassembly.Clear();
            Rto.Reset();
            RtoDeadline = PersistDeadline = KeepAliveDeadline = DelayedAckDeadline = CloseDeadline = SwsDeadline = Off;
            SwsOverride = false;
            Retries = PersistShift = PersistProbes = KeepAliveProbes = UnackedSegments = Retransmissions = 0;
            RttTiming = false;
            RttSeq = 0;
            RttStartMs = 0;
            AckNow = false;
            LastOutOfWindowAckMs = Off;
            ChallengeBudget.Reset();
        }
    }
}
