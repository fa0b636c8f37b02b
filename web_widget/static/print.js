// The print view's "Print" button (a file, because the pages allow no inline script).
document.querySelector(".print-now").addEventListener("click", function () { window.print(); });
