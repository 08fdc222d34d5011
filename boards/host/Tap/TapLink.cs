using System;
using System.Runtime.InteropServices;
using NanoTcp.VirtualBoard.Native;

namespace NanoTcp.VirtualBoard.Tap
{
    /// <summary>
    /// An <see cref="ILink"/> over a Linux TAP device (/dev/net/tun with <c>IFF_TAP | IFF_NO_PI</c>): every
    /// read(2) returns exactly one Ethernet frame without preamble or FCS, every write(2) sends one. The file
    /// descriptor is non-blocking, so <see cref="Receive"/> returns 0 when nothing is waiting and
    /// <see cref="Transmit"/> returns false when the kernel's queue is full; <see cref="Wait"/> sleeps in poll(2)
    /// until a frame arrives, the deadline passes or <see cref="Wake"/> is called. Nothing here allocates per frame.
    /// </summary>
    public sealed unsafe class TapLink : ILink, IDisposable
    {
        // linux/if_tun.h: _IOW('T', 202, int); struct ifreq is 40 bytes on 64-bit (16 name + 24 union).
        private const uint TUNSETIFF = 0x400454CA;
        private const short IFF_TAP = 0x0002;
        private const short IFF_NO_PI = 0x1000;
        private const int IfNameSize = 16;
        private const int IfReqSize = 40;
        private const int OverflowSize = 65536;

        private readonly byte[] _overflow = new byte[OverflowSize];
        private int _fd;
        private int _wakeFd;

        /// <summary>The interface name the kernel gave the device.</summary>
        public string Name { get; }

        /// <summary>Frames read from the device.</summary>
        public long FramesReceived;

        /// <summary>Frames written to the device.</summary>
        public long FramesSent;

        /// <summary>Frames discarded because they did not fit the caller's buffer (the ILink contract).</summary>
        public long OversizeDropped;

        /// <summary>Writes the kernel refused (queue full or error).</summary>
        public long TransmitFailures;

        private TapLink(int fd, int wakeFd, string name)
        {
            _fd = fd;
            _wakeFd = wakeFd;
            Name = name;
        }

        /// <summary>
        /// Creates (or attaches to) the TAP device <paramref name="name"/> in the calling thread's network
        /// namespace. Throws <see cref="TapException"/> with a one-line explanation when it cannot.
        /// </summary>
        public static TapLink Open(string name)
        {
            if (name == null || name.Length == 0 || name.Length >= IfNameSize)
                throw new TapException("TAP device name must be 1-15 characters: '" + name + "'");
            int fd = LibC.OpenPath("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
            if (fd < 0)
            {
                int errno = -fd;
                if (errno == LibC.ENOENT || errno == LibC.ENODEV)
                    throw new TapException("no /dev/net/tun: the kernel's TUN/TAP driver is needed (modprobe tun)");
                if (errno == LibC.EACCES || errno == LibC.EPERM)
                    throw new TapException("cannot open /dev/net/tun: run as root (or with CAP_NET_ADMIN)");
                throw new TapException("cannot open /dev/net/tun: " + LibC.ErrorText(errno));
            }
            byte* ifr = stackalloc byte[IfReqSize];
            new Span<byte>(ifr, IfReqSize).Clear();
            for (int i = 0; i < name.Length; i++) ifr[i] = (byte)name[i];
            *(short*)(ifr + IfNameSize) = IFF_TAP | IFF_NO_PI;
            if (LibC.Ioctl(fd, TUNSETIFF, ifr) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                LibC.Close(fd);
                if (errno == LibC.EPERM || errno == LibC.EACCES)
                    throw new TapException("cannot create TAP device " + name + ": run as root (or with CAP_NET_ADMIN)");
                if (errno == LibC.EBUSY)
                    throw new TapException("TAP device " + name + " is busy: another program has it open");
                throw new TapException("cannot create TAP device " + name + ": " + LibC.ErrorText(errno) +
                                       " (is it an existing non-TAP interface?)");
            }
            int wake = LibC.EventFd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
            if (wake < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                LibC.Close(fd);
                throw new TapException("eventfd failed: " + LibC.ErrorText(errno));
            }
            int end = 0;
            while (end < IfNameSize && ifr[end] != 0) end++;
            return new TapLink(fd, wake, new string((sbyte*)ifr, 0, end));
        }

        /// <summary>True while the device is open (a TAP has carrier while a program holds it).</summary>
        public bool IsUp => _fd >= 0;

        /// <inheritdoc />
        public int Receive(byte[] buffer, int offset, int count)
        {
            if (_fd < 0 || buffer == null || offset < 0 || count <= 0 || offset > buffer.Length - count) return 0;
            while (true)
            {
                nint n;
                // Two buffers: whatever spills into the overflow one means the frame was longer than count,
                // and ILink says such a frame is discarded, never truncated.
                fixed (byte* dst = buffer)
                fixed (byte* spill = _overflow)
                {
                    LibC.IoVec* iov = stackalloc LibC.IoVec[2];
                    iov[0].Base = dst + offset;
                    iov[0].Length = (nuint)count;
                    iov[1].Base = spill;
                    iov[1].Length = OverflowSize;
                    n = LibC.ReadV(_fd, iov, 2);
                }
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EINTR) continue;
                    return 0; // EAGAIN: nothing waiting
                }
                if (n > count)
                {
                    OversizeDropped++;
                    continue;
                }
                if (n == 0) return 0;
                FramesReceived++;
                return (int)n;
            }
        }

        /// <inheritdoc />
        public bool Transmit(byte[] buffer, int offset, int count)
        {
            if (_fd < 0 || buffer == null || offset < 0 || count <= 0 || offset > buffer.Length - count) return false;
            nint n;
            fixed (byte* src = buffer)
            {
                do n = LibC.Write(_fd, src + offset, (nuint)count);
                while (n < 0 && Marshal.GetLastPInvokeError() == LibC.EINTR);
            }
            if (n != count)
            {
                TransmitFailures++;
                return false;
            }
            FramesSent++;
            return true;
        }

        /// <summary>
        /// Sleeps until a frame can be read, <see cref="Wake"/> is called, or <paramref name="timeoutMs"/> passes
        /// (0 = just check, negative = no limit). Returns true when a frame is waiting.
        /// </summary>
        public bool Wait(int timeoutMs)
        {
            if (_fd < 0) return false;
            LibC.PollFd* fds = stackalloc LibC.PollFd[2];
            fds[0].Fd = _fd;
            fds[0].Events = LibC.POLLIN;
            fds[0].REvents = 0;
            fds[1].Fd = _wakeFd;
            fds[1].Events = LibC.POLLIN;
            fds[1].REvents = 0;
            int r = LibC.Poll(fds, 2, timeoutMs);
            if (r <= 0) return false;
            if ((fds[1].REvents & LibC.POLLIN) != 0)
            {
                ulong drained;
                LibC.Read(_wakeFd, (byte*)&drained, 8);
            }
            return (fds[0].REvents & LibC.POLLIN) != 0;
        }

        /// <summary>Interrupts a <see cref="Wait"/> in progress (or the next one). Safe from any thread.</summary>
        public void Wake()
        {
            int fd = _wakeFd;
            if (fd < 0) return;
            ulong one = 1;
            LibC.Write(fd, (byte*)&one, 8);
        }

        /// <summary>Closes the device; a non-persistent TAP disappears with its last file descriptor.</summary>
        public void Dispose()
        {
            int fd = _fd, wake = _wakeFd;
            _fd = -1;
            _wakeFd = -1;
            if (fd >= 0) LibC.Close(fd);
            if (wake >= 0) LibC.Close(wake);
        }
    }

    /// <summary>A TAP device could not be opened; the message is one line saying what is needed.</summary>
    public sealed class TapException : Exception
    {
        /// <summary>Creates the exception with its one-line explanation.</summary>
        public TapException(string message) : base(message) { }
    }
}
