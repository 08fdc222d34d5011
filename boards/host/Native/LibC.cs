using System;
using System.Runtime.InteropServices;

namespace NanoTcp.VirtualBoard.Native
{
    /// <summary>
    /// The few Linux system calls the virtual board needs, declared with blittable arguments only so a call
    /// marshals nothing and allocates nothing (the per-frame path goes through <see cref="Read"/>,
    /// <see cref="ReadV"/>, <see cref="Write"/> and <see cref="Poll"/>).
    /// </summary>
    internal static unsafe class LibC
    {
        private const string Lib = "libc";

        /// <summary>open(2) flags (x86-64 / aarch64 values).</summary>
        public const int O_RDWR = 0x0002, O_RDONLY = 0x0000, O_NONBLOCK = 0x0800, O_CLOEXEC = 0x80000;

        /// <summary>poll(2) events.</summary>
        public const short POLLIN = 0x0001, POLLERR = 0x0008, POLLHUP = 0x0010, POLLNVAL = 0x0020;

        /// <summary>errno values the board reacts to.</summary>
        public const int EINTR = 4, EAGAIN = 11, ENOENT = 2, EPERM = 1, EACCES = 13, EBUSY = 16, ENODEV = 19;

        /// <summary>eventfd(2) flags.</summary>
        public const int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;

        /// <summary>setns(2) namespace type for network namespaces.</summary>
        public const int CLONE_NEWNET = 0x40000000;

        /// <summary>kill(2) signals.</summary>
        public const int SIGINT = 2, SIGKILL = 9, SIGTERM = 15;

        /// <summary>One entry of poll(2)'s array.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct PollFd
        {
            /// <summary>File descriptor.</summary>
            public int Fd;
            /// <summary>Requested events.</summary>
            public short Events;
            /// <summary>Returned events.</summary>
            public short REvents;
        }

        /// <summary>One entry of readv(2)'s array.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct IoVec
        {
            /// <summary>Start of the buffer.</summary>
            public byte* Base;
            /// <summary>Its length.</summary>
            public nuint Length;
        }

        [DllImport(Lib, EntryPoint = "open", SetLastError = true)]
        public static extern int Open(byte* path, int flags);

        [DllImport(Lib, EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);

        [DllImport(Lib, EntryPoint = "read", SetLastError = true)]
        public static extern nint Read(int fd, byte* buffer, nuint count);

        [DllImport(Lib, EntryPoint = "readv", SetLastError = true)]
        public static extern nint ReadV(int fd, IoVec* iov, int iovcnt);

        [DllImport(Lib, EntryPoint = "write", SetLastError = true)]
        public static extern nint Write(int fd, byte* buffer, nuint count);

        [DllImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
        public static extern int Ioctl(int fd, nuint request, void* argument);

        [DllImport(Lib, EntryPoint = "poll", SetLastError = true)]
        public static extern int Poll(PollFd* fds, nuint count, int timeoutMs);

        [DllImport(Lib, EntryPoint = "eventfd", SetLastError = true)]
        public static extern int EventFd(uint initial, int flags);

        [DllImport(Lib, EntryPoint = "setns", SetLastError = true)]
        public static extern int SetNs(int fd, int nsType);

        [DllImport(Lib, EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);

        [DllImport(Lib, EntryPoint = "geteuid")]
        public static extern uint GetEUid();

        [DllImport(Lib, EntryPoint = "strerror")]
        private static extern IntPtr StrError(int errno);

        /// <summary>The text of an errno value (allocates: for error messages only).</summary>
        public static string ErrorText(int errno)
        {
            return Marshal.PtrToStringAnsi(StrError(errno)) ?? ("errno " + errno);
        }

        /// <summary>Opens a path given as .NET text (allocates: set-up only). Returns the fd or -errno.</summary>
        public static int OpenPath(string path, int flags)
        {
            byte[] bytes = new byte[path.Length * 3 + 1];
            int n = System.Text.Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
            bytes[n] = 0;
            fixed (byte* p = bytes)
            {
                int fd = Open(p, flags);
                return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
            }
        }
    }
}
