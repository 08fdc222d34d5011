namespace NanoTcp.Tcp
{
    /// <summary>
    /// One TCP connection (RFC 9293 §3.3.1 transmission control block) and its behaviour, in the spirit of
    /// smoltcp's <c>socket::tcp::Socket</c>: <see cref="Process"/> (SEGMENT ARRIVES, Tcp/TcpInput.cs and the state
    /// files), <see cref="Dispatch"/> (output, Tcp/TcpOutput.cs), <see cref="RunTimers"/> and <see cref="PollAt"/>
    /// (the next deadline), and the user calls (Tcp/UserCalls.cs). The stack only demultiplexes, owns the slot and
    /// listener tables and the interface; time, configuration, counters and the egress path reach the connection
    /// through its <see cref="StackContext"/>. Allocated once per slot; <see cref="Reset"/> reuses it.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        // Memory (issue 11). On nanoCLR every field is a 12-byte heap block and every object 12 more, while an int[]
        // element costs 4 bytes: a slot is one object with the few variables every segment touches as fields, one
        // byte[] for both rings and one int[] (_v) for the rest of its state: the variables below, the two rings'
        // positions (Tcp/ByteRing.cs), RTO, congestion and timer state (Tcp/RetransmissionTimer.cs,
        // Tcp/CongestionControl.cs, Tcp/TcpTimers.cs) and the out-of-order ranges (Tcp/ReassemblyTable.cs), named
        // by the V* indices. About 290 B per slot beside the buffers, where separate helper objects cost 864 B.
        private readonly StackContext _ctx;
        /// <summary>The send ring (the first <see cref="StackContext.TcpSendBufferSize"/> bytes), then the receive ring.</summary>
        private readonly byte[] _buffer;
        /// <summary>The connection's other state, by the V* indices below (uint values stored as int).</summary>
        private readonly int[] _v;

        // Indices into _v. The handle the application sees: generation in bits 8..29, slot in bits 0..7.
        private const int VHandle = 0;
        // Listener index (a listener handle holds 8 bits of it) in the low 16 bits, LastError (a small negative
        // constant) in the high 16 bits, both signed.
        private const int VListenerAndError = 1;
        // Backlog order or the time TIME-WAIT began, low 32 bits (compared by wrap-around difference).
        private const int VSince = 2;
        // Endpoints: RemoteIp; both ports in one int, local in the high 16 bits (the demultiplexer compares them at once).
        private const int VRemoteIp = 3, VPorts = 4;
        // Send sequence variables (RFC 9293 §3.3.1) besides SND.UNA and SND.NXT, plus SND.MAX (highest sent),
        // the largest window the peer offered, the sequence number of the send ring's first byte and the MSS.
        private const int VIss = 5, VSndMax = 6, VSndWl1 = 7, VSndWl2 = 8, VSndWnd = 9, VMaxSndWnd = 10,
                          VSendBufferSeq = 11, VSendMss = 12;
        // Receive side besides RCV.NXT: the right edge as last advertised, where a FIN beyond a hole sits.
        private const int VRcvAdvertisedEdge = 13, VPendingFinSeq = 14;
        // RTT timing: the sequence number that ends the timed segment, when it was sent (ms, low 32 bits).
        private const int VRttSeq = 15, VRttStart = 16;
        // Counters: four one-byte counters (Retries, PersistShift, KeepAliveProbes, UnackedSegments); duplicate ACKs
        // (8 bits), challenge ACKs in this second (8 bits) and persist probes (16 bits); retransmissions.
        private const int VCounters = 17, VSmallCounters = 18, VRetransmissions = 19;
        // Rate limiters (ms, low 32 bits): the last ACK to an out-of-window segment, the start of the challenge-ACK second.
        private const int VLastOutOfWindowAck = 20, VChallengeWindowStart = 21;
        // Rings (ByteRing.cs): first readable position and readable count of the send ring, then of the receive ring.
        private const int VSendRing = 22, VReceiveRing = 24;
        // RFC 6298 (RetransmissionTimer.cs): SRTT in the low 16 bits and RTTVAR in the high 16 bits (0xFFFF before
        // the first sample), and the current RTO.
        private const int VRtt = 26, VRto = 27;
        // RFC 5681/6582 (CongestionControl.cs): cwnd, ssthresh and NewReno's recovery point.
        private const int VCwnd = 28, VSsthresh = 29, VRecover = 30;
        // Timers (TcpTimers.cs): the earliest armed deadline, then one deadline per timer (ms, low 32 bits).
        private const int VNextDeadline = 31, VTimers = 32;
        // The reassembly table (ReassemblyTable.cs): its range count, then its ranges, to the end of _v.
        private const int VReassembly = VTimers + TcpTimers.Count;

        public TcpState State;
        // Send and receive sequence variables every segment reads (RFC 9293 §3.3.1); the others are in _v.
        public uint SndUna, SndNxt, RcvNxt;

        /// <summary>The handle the application sees: generation in bits 8..29, slot in bits 0..7.</summary>
        public int Handle { get { return _v[VHandle]; } set { _v[VHandle] = value; } }
        /// <summary>Listener index while the connection waits in a backlog (-1 once accepted or for active opens).</summary>
        public int Listener
        {
            get { return (short)_v[VListenerAndError]; }
            set { _v[VListenerAndError] = (_v[VListenerAndError] & ~0xFFFF) | (value & 0xFFFF); }
        }
        /// <summary>
        /// Order of arrival in the backlog (Accept takes the oldest), then the time TIME-WAIT began (reclaim the oldest),
        /// low 32 bits: compare two by the sign of their difference.
        /// </summary>
        public int Since { get { return _v[VSince]; } set { _v[VSince] = value; } }
        /// <summary>Why the connection ended (a <see cref="TcpError"/> constant).</summary>
        public int LastError
        {
            get { return _v[VListenerAndError] >> 16; }
            set { _v[VListenerAndError] = (_v[VListenerAndError] & 0xFFFF) | (value << 16); }
        }

        public uint RemoteIp { get { return (uint)_v[VRemoteIp]; } set { _v[VRemoteIp] = (int)value; } }
        /// <summary>Both ports, local in the high 16 bits (<see cref="PackPorts"/>).</summary>
        public int Ports { get { return _v[VPorts]; } set { _v[VPorts] = value; } }
        public int LocalPort
        {
            get { return (Ports >> 16) & 0xFFFF; }
            set { Ports = (Ports & 0xFFFF) | (value << 16); }
        }
        public int RemotePort
        {
            get { return Ports & 0xFFFF; }
            set { Ports = (int)((uint)Ports & 0xFFFF0000) | (value & 0xFFFF); }
        }

        /// <summary>The value <see cref="Ports"/> has for this pair of ports.</summary>
        public static int PackPorts(int localPort, int remotePort)
        {
            return (localPort << 16) | (remotePort & 0xFFFF);
        }

        /// <summary>
        /// The demultiplexer's test (one call per connection): in use, not CLOSED, and these endpoints. Ports first:
        /// they tell connections apart most often. A freed slot stays on the stack's list until a pass removes it.
        /// </summary>
        public bool Is(uint remoteIp, int ports)
        {
            int[] v = _v;
            return v[VPorts] == ports && (uint)v[VRemoteIp] == remoteIp && (_flags & FlagInUse) != 0 && State != TcpState.Closed;
        }

        public uint Iss { get { return (uint)_v[VIss]; } set { _v[VIss] = (int)value; } }
        /// <summary>SND.MAX, the highest sequence number sent (SND.NXT goes back after a timeout).</summary>
        public uint SndMax { get { return (uint)_v[VSndMax]; } set { _v[VSndMax] = (int)value; } }
        public uint SndWl1 { get { return (uint)_v[VSndWl1]; } set { _v[VSndWl1] = (int)value; } }
        public uint SndWl2 { get { return (uint)_v[VSndWl2]; } set { _v[VSndWl2] = (int)value; } }
        public int SndWnd { get { return _v[VSndWnd]; } set { _v[VSndWnd] = value; } }
        public int MaxSndWnd { get { return _v[VMaxSndWnd]; } set { _v[VMaxSndWnd] = value; } }
        /// <summary>Sequence number of the first byte in the send ring.</summary>
        public uint SendBufferSeq { get { return (uint)_v[VSendBufferSeq]; } set { _v[VSendBufferSeq] = (int)value; } }
        public int SendMss { get { return _v[VSendMss]; } set { _v[VSendMss] = value; } }

        /// <summary>
        /// IRS, needed only in SYN-RECEIVED, where nothing but the peer's SYN has been received: RCV.NXT − 1 (no
        /// variable of its own, so none to keep per slot).
        /// </summary>
        public uint Irs { get { return RcvNxt - 1; } }
        /// <summary>RCV.NXT + RCV.WND as last advertised: the right edge never moves left (RFC 9293 §3.8.6).</summary>
        public uint RcvAdvertisedEdge { get { return (uint)_v[VRcvAdvertisedEdge]; } set { _v[VRcvAdvertisedEdge] = (int)value; } }
        public uint PendingFinSeq { get { return (uint)_v[VPendingFinSeq]; } set { _v[VPendingFinSeq] = (int)value; } }

        // Retransmission, probes and ACK bookkeeping (the deadlines are the timers').
        public uint RttSeq { get { return (uint)_v[VRttSeq]; } set { _v[VRttSeq] = (int)value; } }
        /// <summary>When the timed segment was sent, ms, low 32 bits (an RTT is their difference).</summary>
        public int RttStartMs { get { return _v[VRttStart]; } set { _v[VRttStart] = value; } }
        /// <summary>Zero-window probes sent without an answer (16 bits, saturating).</summary>
        public int PersistProbes
        {
            get { return (_v[VSmallCounters] >> 16) & 0xFFFF; }
            set { _v[VSmallCounters] = (_v[VSmallCounters] & 0xFFFF) | ((value > 0xFFFF ? 0xFFFF : value) << 16); }
        }
        public int Retransmissions { get { return _v[VRetransmissions]; } set { _v[VRetransmissions] = value; } }

        // Booleans packed into one field (nanoCLR spends a 12-byte heap block per field). The accessors test
        // and set the bit in place rather than through a helper: each call costs the interpreter a frame.
        // Internal so the stack's per-Poll passes test FlagInUse without a call. Bits 14..19 say which timers are
        // armed (TcpTimers.cs) and bit 20 that congestion control is in fast recovery.
        internal int _flags;
        internal const int FlagInUse = 1;
        private const int FlagUserClosed = 2, FlagUserOwned = 4, FlagFinQueued = 8, FlagFinReceived = 16,
                          FlagPendingFin = 32, FlagSwsOverride = 64, FlagAckNow = 128, FlagRttTiming = 256, FlagActive = 512,
                          FlagNoDelay = 1024, FlagDelayedAck = 2048, FlagKeepAlive = 4096, FlagProbeOwed = 8192,
                          FlagTimer0 = 1 << 14, FlagInRecovery = 1 << 20;

        public TcpConnection(StackContext ctx, int slot, int receiveBuffer, int outOfOrderRanges)
        {
            _ctx = ctx;
            _buffer = new byte[ctx.TcpSendBufferSize + receiveBuffer];
            _v = new int[VReassembly + ReassemblyTable.StateLength(outOfOrderRanges)];
            Handle = slot;
            Reset(1);
        }

        /// <summary>The slot is taken (possibly only to report an error, state Closed).</summary>
        public bool InUse { get { return (_flags & FlagInUse) != 0; } set { if (value) _flags |= FlagInUse; else _flags &= ~FlagInUse; } }
        /// <summary>The application called Close: the slot is freed as soon as the connection reaches CLOSED.</summary>
        public bool UserClosed { get { return (_flags & FlagUserClosed) != 0; } set { if (value) _flags |= FlagUserClosed; else _flags &= ~FlagUserClosed; } }
        /// <summary>The application owns a handle (Connect or Accept returned it).</summary>
        public bool UserOwned { get { return (_flags & FlagUserOwned) != 0; } set { if (value) _flags |= FlagUserOwned; else _flags &= ~FlagUserOwned; } }
        /// <summary>The application shut down sending: a FIN follows the queued data.</summary>
        public bool FinQueued { get { return (_flags & FlagFinQueued) != 0; } set { if (value) _flags |= FlagFinQueued; else _flags &= ~FlagFinQueued; } }
        /// <summary>The peer's FIN has been consumed (end of stream after the buffered data).</summary>
        public bool FinReceived { get { return (_flags & FlagFinReceived) != 0; } set { if (value) _flags |= FlagFinReceived; else _flags &= ~FlagFinReceived; } }
        /// <summary>A FIN arrived beyond a hole; consumed when the hole fills.</summary>
        public bool PendingFin { get { return (_flags & FlagPendingFin) != 0; } set { if (value) _flags |= FlagPendingFin; else _flags &= ~FlagPendingFin; } }
        /// <summary>The SWS override timer fired: a short segment may go.</summary>
        public bool SwsOverride { get { return (_flags & FlagSwsOverride) != 0; } set { if (value) _flags |= FlagSwsOverride; else _flags &= ~FlagSwsOverride; } }
        /// <summary>An ACK is owed and goes out with the next Dispatch.</summary>
        public bool AckNow { get { return (_flags & FlagAckNow) != 0; } set { if (value) _flags |= FlagAckNow; else _flags &= ~FlagAckNow; } }
        /// <summary>A segment is being timed for an RTT sample (ends at <see cref="RttSeq"/>).</summary>
        public bool RttTiming { get { return (_flags & FlagRttTiming) != 0; } set { if (value) _flags |= FlagRttTiming; else _flags &= ~FlagRttTiming; } }
        /// <summary>The connection is on the stack's list of slots in use (maintained by the stack).</summary>
        public bool Active { get { return (_flags & FlagActive) != 0; } set { if (value) _flags |= FlagActive; else _flags &= ~FlagActive; } }
        /// <summary>Nagle off (TCP_NODELAY).</summary>
        public bool NoDelay { get { return (_flags & FlagNoDelay) != 0; } set { if (value) _flags |= FlagNoDelay; else _flags &= ~FlagNoDelay; } }
        /// <summary>Delayed ACKs on (RFC 1122 4.2.3.2).</summary>
        public bool DelayedAck { get { return (_flags & FlagDelayedAck) != 0; } set { if (value) _flags |= FlagDelayedAck; else _flags &= ~FlagDelayedAck; } }
        /// <summary>Keepalive probes on (RFC 1122 4.2.3.6).</summary>
        public bool KeepAlive { get { return (_flags & FlagKeepAlive) != 0; } set { if (value) _flags |= FlagKeepAlive; else _flags &= ~FlagKeepAlive; } }

        /// <summary>A keepalive probe is due and goes out with the next Dispatch (it may wait for ARP there).</summary>
        public bool ProbeOwed { get { return (_flags & FlagProbeOwed) != 0; } set { if (value) _flags |= FlagProbeOwed; else _flags &= ~FlagProbeOwed; } }

        // The bytes of _v[VCounters]. The per-segment paths clear a counter with its mask in place (one array
        // element update) rather than through the setter: each call costs the interpreter a frame.
        private const int RetriesMask = 0xFF, PersistShiftMask = 0xFF00, KeepAliveProbesMask = 0xFF0000;
        private const int UnackedSegmentsMask = unchecked((int)0xFF000000), UnackedSegmentsOne = 1 << 24;
        /// <summary>Consecutive retransmission timeouts (retry budget, RFC 1122 4.2.3.5); saturates at 255.</summary>
        public int Retries { get { return _v[VCounters] & RetriesMask; } set { _v[VCounters] = (_v[VCounters] & ~RetriesMask) | (value > 255 ? 255 : value); } }
        /// <summary>Zero-window probe backoff exponent (at most 16).</summary>
        public int PersistShift { get { return (_v[VCounters] >> 8) & 0xFF; } set { _v[VCounters] = (_v[VCounters] & ~PersistShiftMask) | ((value > 255 ? 255 : value) << 8); } }
        /// <summary>Keepalive probes sent without an answer; saturates at 255.</summary>
        public int KeepAliveProbes { get { return (_v[VCounters] >> 16) & 0xFF; } set { _v[VCounters] = (_v[VCounters] & ~KeepAliveProbesMask) | ((value > 255 ? 255 : value) << 16); } }
        /// <summary>Full segments received since our last ACK (every second one is ACKed at once).</summary>
        public int UnackedSegments { get { return (_v[VCounters] >> 24) & 0xFF; } }

        public int Slot { get { return Handle & 0xFF; } }
        public int Generation { get { return Handle >> 8; } }

        /// <summary>Sequence number our FIN occupies (meaningful once <see cref="FinQueued"/>).</summary>
        public uint FinSeq { get { return SendBufferSeq + (uint)SendQueued; } }

        /// <summary>Our FIN has been sent at least once.</summary>
        public bool FinSent { get { return FinQueued && SequenceNumber.Gt(SndMax, FinSeq); } }

        /// <summary>Our FIN has been acknowledged.</summary>
        public bool FinAcked { get { return FinQueued && SequenceNumber.Gt(SndUna, FinSeq); } }

        /// <summary>Bytes (and SYN/FIN) sent but not acknowledged.</summary>
        public int Flight { get { return SequenceNumber.Diff(SndNxt, SndUna); } }

        /// <summary>Clears every variable for a new connection in this slot (buffers keep their memory).</summary>
        public void Reset(int generation)
        {
            int slot = Slot;
            int[] v = _v;
            // Every variable in _v starts at 0 but those set below (the timers' flags are cleared with _flags).
            System.Array.Clear(v, 0, v.Length);
            Handle = (generation << 8) | slot;
            StackConfig cfg = _ctx.Config;
            _flags &= FlagActive;
            NoDelay = !cfg.Nagle;
            DelayedAck = cfg.DelayedAck;
            KeepAlive = cfg.KeepAliveEnabled;
            State = TcpState.Closed;
            Listener = -1;
            SndUna = SndNxt = RcvNxt = 0;
            SendMss = 536;
            ResetRto();
            // The limiters start "long ago" (their intervals are under a second).
            int now = (int)_ctx.Now;
            v[VLastOutOfWindowAck] = now - OutOfWindowAckIntervalMs;
            v[VChallengeWindowStart] = now - ChallengeIntervalMs;
        }

        /// <summary>Initial values common to active and passive opens (the slot was just claimed).</summary>
        public void Open(uint remoteIp, int remotePort, int localPort, uint iss)
        {
            RemoteIp = remoteIp;
            RemotePort = remotePort;
            LocalPort = localPort;
            Iss = iss;
            SndUna = SndNxt = SndMax = Iss;
            SendBufferSeq = Iss + 1;
            SendMss = _ctx.Config.DefaultPeerMss < _ctx.Mss ? _ctx.Config.DefaultPeerMss : _ctx.Mss;
            // Congestion state starts with the peer's MSS: ApplyPeerMss, which every open calls before data can go.
        }

        /// <summary>Active open (RFC 9293 §3.10.1): SYN-SENT; the SYN goes out with the next Dispatch.</summary>
        public void OpenActive(uint remoteIp, int remotePort, int localPort, uint iss)
        {
            Open(remoteIp, remotePort, localPort, iss);
            UserOwned = true;
            SetState(TcpState.SynSent);
        }

        /// <summary>poll_at: when this connection needs the next Poll (<see cref="TcpTimers.Off"/> when idle).</summary>
        public long PollAt()
        {
            if ((_flags & FlagInUse) == 0 || State == TcpState.Closed) return TcpTimers.Off;
            // What Dispatch could not send (an owed ACK or probe) waits for ARP: the ARP deadline covers it.
            if ((_flags & TimerFlags) == 0) return TcpTimers.Off;
            // The earliest deadline (low 32 bits) as a time: it is less than 2^31 ms from now.
            long now = _ctx.Now;
            return now + (_v[VNextDeadline] - (int)now);
        }

        public void SetState(TcpState next)
        {
            TcpState previous = State;
            if (previous == next) return;
            State = next;
            if (next == TcpState.Established) _ctx.Counters.TcpConnectionsEstablished++;
            if (_ctx.Tracer != null) _ctx.Tracer.TcpStateChanged(Handle, previous, next, _ctx.Now);
        }

        /// <summary>
        /// The connection reached CLOSED. The slot is freed at once unless the application still holds the
        /// handle, in which case it stays (state Closed, with <paramref name="error"/>) until Close or Abort.
        /// </summary>
        public void EnterClosed(int error)
        {
            if (error != TcpError.None) LastError = error;
            SetState(TcpState.Closed);
            if (UserClosed || !UserOwned)
            {
                Free();
                return;
            }
            StopTimers();
            SendClear();
            ReassemblyTable.Clear(_v, VReassembly);
            AckNow = false;
        }

        /// <summary>Returns the slot to the pool; the generation changes on reuse, so old handles go stale.</summary>
        public void Free()
        {
            if (State != TcpState.Closed) SetState(TcpState.Closed);
            InUse = false;
            Reset(Generation);
        }

        /// <summary>
        /// A RST from this connection, &lt;SEQ=<paramref name="seq"/>&gt;, no ACK. When the next hop is being resolved
        /// (its ARP entry was forgotten after repeated timeouts) the RST waits in the reset queue for the answer: the
        /// peer must still learn that the connection is gone (RFC 9293 §3.10.7, RFC 1122 4.2.3.5).
        /// </summary>
        private void SendReset(uint seq)
        {
            if (ClosedPort.SendReset(_ctx, RemoteIp, LocalPort, RemotePort, seq, 0, false) == NetworkInterface.Waiting)
                _ctx.Resets.Add(RemoteIp, LocalPort, RemotePort, seq);
        }

        /// <summary>
        /// Queues a RST for a connection being aborted (sent by the next Poll). Its SEQ is SND.MAX, which equals
        /// SND.NXT except after a timeout rewound SND.NXT; the peer's RCV.NXT can be anywhere up to SND.MAX, and a
        /// RST below it would be ignored there (RFC 5961 §3.2).
        /// </summary>
        public void QueueReset()
        {
            _ctx.Resets.Add(RemoteIp, LocalPort, RemotePort, SndMax);
            _ctx.WorkPending = true;
        }

        /// <summary>
        /// The timers that are due at <paramref name="now"/> (some is: <see cref="Service"/> asked the earliest
        /// deadline), in order: close, retransmission, persist, keepalive, delayed ACK, SWS override.
        /// </summary>
        private void RunTimers(long now)
        {
            if (TimerExpired(TcpTimers.Close, now))
            {
                if (State == TcpState.TimeWait) TimeWaitExpired();
                else if (State == TcpState.FinWait2) FinWait2TimedOut();
                return;
            }
            if (TimerExpired(TcpTimers.Retransmission, now) && !RetransmissionTimeout()) return;
            if (TimerExpired(TcpTimers.Persist, now) && !PersistTimeout()) return;
            if (TimerExpired(TcpTimers.KeepAlive, now) && !KeepAliveTimeout()) return;
            if (TimerExpired(TcpTimers.DelayedAck, now)) AckNow = true;
            if (TimerExpired(TcpTimers.SwsOverride, now)) SwsOverride = true;
        }
    }
}
