import { describe, expect, it } from 'vitest'
import { contentDisposition, DOWNLOAD_CSP, downloadResponse, safeFileName } from './download.ts'

describe('download headers', () => {
	it('names the file safely: no folders, control characters, quotes or header breaks', () => {
		expect(safeFileName('../../etc/passwd')).toBe('passwd')
		expect(safeFileName('C:\\map\\plan.pdf')).toBe('plan.pdf')
		expect(safeFileName('.htaccess')).toBe('htaccess')
		expect(safeFileName('\u0000\r\n')).toBe('download')
		expect(contentDisposition('beleid €.pdf')).toBe(
			`attachment; filename="beleid _.pdf"; filename*=UTF-8''beleid%20%E2%82%AC.pdf`,
		)
		const evil = contentDisposition('a"b\r\nSet-Cookie: x=1;(it\'s)*.html')
		expect(evil).not.toMatch(/[\r\n]/)
		expect(evil).toBe(
			`attachment; filename="a_bSet-Cookie: x=1_(it's)*.html"; filename*=UTF-8''a%22bSet-Cookie%3A%20x%3D1%3B%28it%27s%29%2A.html`,
		)
	})

	it('sends every download as an attachment with nosniff and a sandbox that loads nothing', () => {
		const response = downloadResponse(new Uint8Array([1, 2, 3]), { name: 'x.pdf', type: 'application/pdf' })
		expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; /)
		expect(response.headers.get('Content-Security-Policy')).toBe(DOWNLOAD_CSP)
		expect(DOWNLOAD_CSP).toBe("sandbox; default-src 'none'")
		expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(response.headers.get('Cache-Control')).toBe('private, no-store')
		expect(response.headers.get('Content-Length')).toBe('3')
	})
})
