"""What a failed file operation means, in Vietnamese, for the person who has to deal with it.

A full disk, a read-only target or a missing permission used to reach editors and CI logs as a
Python traceback. :func:`describe` says what failed (the file, when known), why in plain words,
and what to do; the command line adds what it means for the site.
"""

from __future__ import annotations

import errno

_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("ổ đĩa đã đầy", "Giải phóng dung lượng (hoặc chọn thư mục trên ổ đĩa khác) "
                   "rồi chạy lại."),
    errno.EDQUOT: ("đã dùng hết hạn mức dung lượng được cấp", "Xóa bớt tệp hoặc xin tăng hạn "
                   "mức, rồi chạy lại."),
    errno.EROFS: ("hệ thống tệp chỉ cho phép đọc", "Chọn thư mục trên ổ đĩa ghi được (ví dụ "
                  "--site-dir) rồi chạy lại."),
    errno.EACCES: ("không có quyền truy cập", "Kiểm tra quyền của thư mục (ls -ld …) hoặc chạy "
                   "bằng người dùng có quyền ghi."),
    errno.EPERM: ("hệ điều hành không cho phép thao tác này", "Kiểm tra quyền và thuộc tính "
                  "của tệp, thư mục."),
    errno.ENAMETOOLONG: ("tên tệp quá dài", "Rút ngắn đường dẫn của thư mục dự án hoặc thư mục "
                         "xuất."),
    errno.ENOENT: ("không tìm thấy tệp hoặc thư mục", "Kiểm tra đường dẫn."),
    errno.ENOTDIR: ("một phần của đường dẫn không phải thư mục", "Kiểm tra đường dẫn."),
    errno.EISDIR: ("đây là thư mục, không phải tệp", "Kiểm tra đường dẫn."),
    errno.EMFILE: ("quá nhiều tệp đang mở cùng lúc", "Tăng giới hạn (ulimit -n) rồi chạy lại."),
    errno.ENFILE: ("hệ thống có quá nhiều tệp đang mở", "Chạy lại sau."),
    errno.EIO: ("lỗi đọc ghi của thiết bị lưu trữ", "Kiểm tra ổ đĩa."),
    errno.EPIPE: ("chương trình nhận kết quả đã đóng đầu đọc", "Kiểm tra lệnh phía sau dấu |."),
    errno.EBUSY: ("tệp hoặc thư mục đang bận", "Chạy lại khi tiến trình khác đã xong."),
    errno.ETXTBSY: ("tệp đang bận", "Chạy lại khi tiến trình khác đã xong."),
}


def describe(exc: OSError) -> tuple[str, str]:
    """(what failed and why, what to do) for ``exc``, in Vietnamese."""
    reason, hint = _REASONS.get(exc.errno or 0, (exc.strerror or "lỗi hệ thống", ""))
    code = errno.errorcode.get(exc.errno or 0, "")
    names = [str(n) for n in (exc.filename, exc.filename2) if n]
    where = " khi xử lý " + " và ".join(f"“{n}”" for n in names) if names else ""
    return f"{reason}{where}" + (f" ({code})" if code else "") + ".", hint
