import { useEffect, useRef, useState } from 'react'
import { Form, Link, NavLink, useLocation, useParams } from 'react-router'
import type { Locale } from '#app/i18n/catalogue.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { useT } from '#app/i18n/react.tsx'
import type { Toast } from '#app/lib/toast.server.ts'
import type { SessionUser } from '#app/lib/session.server.ts'
import { providerNavigation } from './navigation/provider.ts'
import { organisationNavigation, publicNavigation } from './navigation/public.ts'
import { staffNavigation } from './navigation/staff.ts'
import type { NavItem } from './navigation/types.ts'
import { ToastMessage } from './toast.tsx'

export interface ShellProps {
	user: SessionUser | null
	locale: Locale
	demo: boolean
	clockNow: string | null
	/** The name of the mark in force this year (issue 16); the catalogue's name when unknown. */
	markName?: string | null
	toast: Toast | null
	/** Messages of KiBG the member has not read (the provider's menu shows the count). */
	unreadMessages?: number
	children: React.ReactNode
}

export function AppShell({ user, locale, demo, clockNow, toast, markName, unreadMessages = 0, children }: ShellProps) {
	const t = useT()
	const mark = markName ?? t('common.markName')
	const params = useParams()
	const location = useLocation()
	const membership = user?.memberships.find((candidate) => candidate.providerId === params.providerId)
	const navigation: NavItem[] = user?.staffRole
		? staffNavigation(user.staffRole)
		: membership
			? providerNavigation(membership.providerId, { unreadMessages })
			: user?.kind === 'organisation'
				? organisationNavigation
				: publicNavigation
	const roleLabel = user?.staffRole
		? t(user.staffRole === 'admin' ? 'shell.roleAdmin' : 'shell.roleAssessor')
		: membership
			? t(membership.canSign ? 'shell.roleSigner' : 'shell.roleMember')
			: null
	const otherLocale: Locale = locale === 'nl' ? 'en' : 'nl'
	const menu = useMobileMenu(location.pathname)

	return (
		<>
			<a href="#main" className="skip-link">
				{t('common.skipToContent')}
			</a>
			{demo || clockNow ? (
				<div className="banner banner--demo" role="note">
					{demo ? <span>{t('common.demoBanner')}</span> : null}
					{clockNow ? <span> {t('common.clockBanner', { time: formatDateTime(clockNow, locale) })}</span> : null}
				</div>
			) : null}
			<header
				className={`site-header${menu.enhanced ? ' site-header--menu' : ''}${menu.open ? ' site-header--open' : ''}`}
				onKeyDown={menu.onKeyDown}
			>
				<div className="site-header__inner">
					<Link to="/" className="brand">
						<span className="brand__mark" aria-hidden="true">
							K
						</span>
						<span className="brand__text">
							<span className="brand__name">{mark}</span>
							<span className="brand__sub">{t('common.appName')}</span>
						</span>
					</Link>
					{/* On a phone the menu and the account links fold behind this button (a disclosure).
					    Without JavaScript it stays hidden and everything shows, as before. */}
					<button
						type="button"
						ref={menu.buttonRef}
						className="menu-button"
						aria-expanded={menu.open}
						aria-controls="site-menu-account site-menu-nav"
						onClick={menu.toggle}
					>
						<span className="menu-button__icon" aria-hidden="true" />
						{t('shell.menu')}
					</button>
					<div
						id="site-menu-account"
						className="site-header__account"
						aria-label={t('shell.accountNavigation')}
						role="group"
					>
						{user ? (
							<>
								<span className="account-summary">
									<span className="account-summary__name">{user.name}</span>
									{membership ? <span className="account-summary__org">{membership.providerName}</span> : null}
									{user.kind === 'organisation' && user.organisationName ? (
										<span className="account-summary__org">{user.organisationName}</span>
									) : null}
									{roleLabel ? <span className="badge badge--neutral">{roleLabel}</span> : null}
								</span>
								<Link to="/account" className="header-link">
									{t('shell.navAccount')}
								</Link>
								<Form method="post" action="/uitloggen">
									<button type="submit" className="header-link header-link--button">
										{t('shell.navLogout')}
									</button>
								</Form>
							</>
						) : (
							<Link to="/inloggen" className="header-link">
								{t('shell.navLogin')}
							</Link>
						)}
						<Form method="post" action="/taal" className="language-switch">
							<input type="hidden" name="locale" value={otherLocale} />
							<input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
							<button type="submit" className="header-link header-link--button" lang={otherLocale}>
								{otherLocale === 'en' ? 'English' : 'Nederlands'}
							</button>
						</Form>
					</div>
				</div>
				<nav id="site-menu-nav" className="main-nav" aria-label={t('shell.mainNavigation')}>
					<ul className="main-nav__list">
						{navigation
							.filter((item) => !item.more)
							.map((item) => (
								<li key={item.to}>
									<NavEntry item={item} />
								</li>
							))}
						<MoreMenu items={navigation.filter((item) => item.more)} pathname={location.pathname} />
					</ul>
				</nav>
			</header>
			<main id="main" className="site-main" tabIndex={-1}>
				{toast ? <ToastMessage toast={toast} /> : null}
				{children}
			</main>
			<footer className="site-footer">
				<div className="site-footer__inner">
					<p>{t('shell.footerAbout', { mark })}</p>
					<p>{t('shell.footerContact')}</p>
				</div>
			</footer>
		</>
	)
}

/** One menu link, with its count (unread messages) and the words for screen readers. */
function NavEntry({ item }: { item: NavItem }) {
	const t = useT()
	return (
		<NavLink to={item.to} end={item.end} className="main-nav__link">
			{t(item.label)}
			{item.badge ? (
				<>
					{' '}
					<span className="badge badge--warning">
						<span aria-hidden="true">{item.badge.count}</span>
						<span className="visually-hidden">{t(item.badge.label, { count: item.badge.count })}</span>
					</span>
				</>
			) : null}
		</NavLink>
	)
}

/**
 * The rest of a long menu behind "Meer": a disclosure (works without JavaScript), closed again on
 * every navigation (its key), marked when the current page is one of its items.
 */
function MoreMenu({ items, pathname }: { items: NavItem[]; pathname: string }) {
	const t = useT()
	if (items.length === 0) return null
	const current = items.find((item) => pathname === item.to || pathname.startsWith(`${item.to}/`))
	return (
		<li className="main-nav__more">
			<details key={pathname}>
				<summary className={`main-nav__link${current ? ' active' : ''}`}>
					{t('shell.navMore')}
					{current ? <span className="visually-hidden">: {t(current.label)}</span> : null}
				</summary>
				<ul className="main-nav__more-list">
					{items.map((item) => (
						<li key={item.to}>
							<NavEntry item={item} />
						</li>
					))}
				</ul>
			</details>
		</li>
	)
}

/**
 * The mobile menu's state: closed after every navigation, closed by Escape (focus back on the
 * button). `enhanced` turns on once React runs, so the collapsing CSS never hides links from a
 * browser without JavaScript.
 */
function useMobileMenu(pathname: string) {
	const [enhanced, setEnhanced] = useState(false)
	const [open, setOpen] = useState(false)
	const buttonRef = useRef<HTMLButtonElement>(null)
	useEffect(() => setEnhanced(true), [])
	useEffect(() => setOpen(false), [pathname])
	return {
		enhanced,
		open,
		buttonRef,
		toggle: () => setOpen((value) => !value),
		onKeyDown(event: React.KeyboardEvent) {
			if (event.key === 'Escape' && open) {
				setOpen(false)
				buttonRef.current?.focus()
			}
		},
	}
}
