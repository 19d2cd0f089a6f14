import { createContext, type ReactNode, useContext, useMemo } from 'react'
import type { Locale } from './catalogue.ts'
import { createTranslate, type Translate } from './translate.ts'

const LocaleContext = createContext<Locale>('nl')

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
	return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>
}

export function useLocale(): Locale {
	return useContext(LocaleContext)
}

/** `const t = useT(); t('auth.loginTitle')` */
export function useT(): Translate {
	const locale = useLocale()
	return useMemo(() => createTranslate(locale), [locale])
}
