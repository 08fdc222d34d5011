using System;
using System.IO;

namespace NanoTcp.VirtualBoard.Capture
{
    /// <summary>
    /// Writes frames to a classic libpcap file (magic a1b2c3d4, version 2.4, LINKTYPE_ETHERNET, microsecond
    /// timestamps), the format tcpdump, tshark and Wireshark read. Frames are whole Ethernet frames without FCS,
    /// exactly what crosses the link. Writing a frame allocates nothing (a preallocated record header and a
    /// buffered stream). Not thread-safe: one board loop writes.
    /// </summary>
    public sealed class PcapWriter : IDisposable
    {
        private const uint Magic = 0xA1B2C3D4;
        private const int LinkTypeEthernet = 1;
        private const int SnapLength = 65535;

        private readonly Stream _stream;
        private readonly byte[] _record = new byte[16];
        private readonly long _epochTicksAtStart;
        private readonly long _stopwatchAtStart;

        /// <summary>Frames written.</summary>
        public long Frames { get; private set; }

        /// <summary>Creates (or truncates) <paramref name="path"/> and writes the global header.</summary>
        public PcapWriter(string path) : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
        {
        }

        /// <summary>Writes the global header to <paramref name="stream"/>, which the writer then owns.</summary>
        public PcapWriter(Stream stream)
        {
            _stream = stream;
            _epochTicksAtStart = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
            _stopwatchAtStart = System.Diagnostics.Stopwatch.GetTimestamp();
            var header = new byte[24];
            PutU32(header, 0, Magic);
            PutU16(header, 4, 2);
            PutU16(header, 6, 4);
            PutU32(header, 8, 0);      // thiszone: timestamps are UTC
            PutU32(header, 12, 0);     // sigfigs
            PutU32(header, 16, SnapLength);
            PutU32(header, 20, LinkTypeEthernet);
            _stream.Write(header, 0, header.Length);
        }

        /// <summary>Appends one frame, time-stamped now.</summary>
        public void Write(byte[] frame, int offset, int length)
        {
            long elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(_stopwatchAtStart).Ticks;
            Write(frame, offset, length, (_epochTicksAtStart + elapsed) / 10);
        }

        /// <summary>
        /// Appends one frame with the given timestamp in microseconds since the Unix epoch (the scenario harness
        /// writes its virtual clock here, so a capture shows the time each timer fired).
        /// </summary>
        public void Write(byte[] frame, int offset, int length, long micros)
        {
            int captured = length < SnapLength ? length : SnapLength;
            PutU32(_record, 0, (uint)(micros / 1000000));
            PutU32(_record, 4, (uint)(micros % 1000000));
            PutU32(_record, 8, (uint)captured);
            PutU32(_record, 12, (uint)length);
            _stream.Write(_record, 0, 16);
            _stream.Write(frame, offset, captured);
            Frames++;
        }

        /// <summary>Pushes buffered records to the file (the board calls it once a second).</summary>
        public void Flush()
        {
            _stream.Flush();
        }

        /// <summary>Flushes and closes the file.</summary>
        public void Dispose()
        {
            _stream.Flush();
            _stream.Dispose();
        }

        // The pcap header is written in the writer's byte order and readers detect it from the magic; we
        // fix little-endian so files are identical on every host.
        private static void PutU32(byte[] b, int o, uint v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }

        private static void PutU16(byte[] b, int o, int v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
        }
    }
}
